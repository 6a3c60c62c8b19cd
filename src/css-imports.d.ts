/**
 * A component imports the stylesheet of what it alone draws (`import './x.css'`): Vite bundles it with
 * the component's chunk, so a lazily drawn part brings its own styles and the page's first stylesheet
 * carries only what the first paint uses.
 */
declare module '*.css' {}
