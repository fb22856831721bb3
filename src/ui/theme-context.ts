import { createContext, useContext } from 'react';
import { makeTheme, type Theme } from './theme.js';

/** The theme for every component below the root; tests may provide their own. */
export const ThemeContext = createContext<Theme>(makeTheme({ FORCE_COLOR: '0' }, false));

/** The current theme. */
export function useTheme(): Theme {
  return useContext(ThemeContext);
}
