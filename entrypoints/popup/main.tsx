import { render } from 'preact';
import '../../assets/ui.css';
import { App } from './App';

document.body.classList.add('popup');
render(<App />, document.getElementById('app')!);
