import { cookies } from 'next/headers';
import { THEME_COOKIE, themeOf, type Theme } from './theme';

/** The theme the person picked, from the cookie the switch sets (server components only). */
export async function currentTheme(): Promise<Theme> {
  return themeOf((await cookies()).get(THEME_COOKIE)?.value);
}
