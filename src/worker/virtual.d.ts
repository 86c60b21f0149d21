/** The verdict worker's URL: a chunk of the page's build (vite.config.ts, verdictWorkerUrl). */
declare module 'virtual:verdict-worker-url' {
  const url: string;
  export default url;
}
