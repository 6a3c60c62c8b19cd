// The reference for popupPaintRatio: the popup exactly as painted (same markup, same size, same
// stylesheets) but with no script at all, so its paint time is what a browser needs for the page
// alone. Served from the extension's own origin, so both pages load through the same path.
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'

/** The rendered popup document (`document.documentElement.outerHTML`) without anything executable. */
export function staticReferencePage(renderedHtml: string): string {
  const withoutScripts = renderedHtml
    .replace(/<script\b[^>]*>[\s\S]*?<\/script\s*>/gi, '')
    .replace(/<link\b[^>]*\brel\s*=\s*["']?modulepreload["']?[^>]*>/gi, '')
  return `<!doctype html>\n${withoutScripts}`
}

/** Writes the script-free copy of a rendered page at `path` inside the bench's copy of the extension. */
export async function writeStaticCopy(extensionDir: string, path: string, renderedHtml: string): Promise<void> {
  const file = join(extensionDir, path)
  await mkdir(dirname(file), { recursive: true })
  await writeFile(file, staticReferencePage(renderedHtml))
}
