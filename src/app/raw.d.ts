/** Vite's `?raw` imports: the file's text, bundled at build time (src/app/examples/). */
declare module '*?raw' {
  const text: string;
  export default text;
}
