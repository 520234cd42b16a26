/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The dev server proxies the API to the local host so the app can use same-origin `/api`
// exactly as it does when the local host or Azure Static Web Apps serves the build.
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': { target: process.env.TICKETS_BASE_URL ?? 'http://localhost:7071', changeOrigin: true },
    },
  },
  build: {
    sourcemap: false,
  },
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'node',
  },
});
