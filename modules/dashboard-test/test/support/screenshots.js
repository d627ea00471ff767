// The documentation's screenshots (docs/images/tableau-*.png) come from the same runs as the
// checks, only when asked: UPDATE_SCREENSHOTS=1.
import { resolve } from 'node:path';

const DOCS_IMAGES = resolve(import.meta.dirname, '../../../../docs/images');

export async function screenshot(page, name) {
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    await page.screenshot({ path: `${DOCS_IMAGES}/tableau-${name}.png` });
  }
}
