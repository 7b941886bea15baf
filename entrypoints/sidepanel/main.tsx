import { render } from 'preact';
function App() { return <main><h1>Touchpoint sidepanel</h1></main>; }
render(<App />, document.getElementById('app')!);
