import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The smallest page of the console's stack: see main.tsx.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: "/tmp/infera-floor-app", emptyOutDir: true },
});
