/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Base URL of the API; defaults to same-origin `/api`. */
  readonly VITE_API_BASE?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
