// electron-vite: `import path from './worker?modulePath'` builds the module as its own chunk
// and gives its path at run time.
declare module '*?modulePath' {
  const path: string;
  export default path;
}
