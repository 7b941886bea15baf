import { askEarly } from './early';

/**
 * The popup's first questions, asked as the first module of the popup evaluates: main.tsx imports this before the
 * cards' code, so the background is already capturing the page while App and its components evaluate.
 */
export const early = askEarly(location.search);
