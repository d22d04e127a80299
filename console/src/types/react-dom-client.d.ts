// @types/react-dom is not installed in this workspace (and package.json may not change), so
// the one entry point the console uses is declared here, as React 18 documents it.
declare module 'react-dom/client' {
  import type { ReactNode } from 'react';

  export interface Root {
    render(children: ReactNode): void;
    unmount(): void;
  }

  export function createRoot(container: Element | DocumentFragment): Root;
}
