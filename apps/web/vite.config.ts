import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The server serves dist/ at "/" with an SPA fallback; in dev, the API runs beside Vite.
const api = process.env.INFERA_WEB_API ?? "http://127.0.0.1:8080";

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // scripts/measure-initial-js.ts reads it to sum what /login loads.
    manifest: true,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: {
      "/api": { target: api, changeOrigin: false },
      "/v1": { target: api, changeOrigin: false },
    },
  },
});
