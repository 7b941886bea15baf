// First: the page is asked for before the rest of the popup's code evaluates (asked.ts, early.ts).
import { early } from './asked';
import { render } from 'preact';
import '../../assets/ui.css';
import { App } from './App';

// The cards' code is part of this module graph, not a later import(): every chunk is fetched in parallel with the
// first (modulepreload), so the first card never waits for a second round of fetching after the answer is in.
// index.html paints a static frame meanwhile.
document.body.classList.add('popup');
const root = document.getElementById('app')!;
root.textContent = ''; // the static frame goes in the same task as the first render: no blank frame between
render(<App early={early} />, root);
