import { render } from 'preact';
import '../../assets/ui.css';
import { askEarly } from './early';

// The page is asked for before the cards' code loads (early.ts); index.html paints a static frame meanwhile.
const early = askEarly(location.search);
document.body.classList.add('popup');
void import('./App').then(({ App }) => {
  const root = document.getElementById('app')!;
  root.textContent = ''; // the static frame goes in the same task as the first render: no blank frame between
  render(<App early={early} />, root);
});
