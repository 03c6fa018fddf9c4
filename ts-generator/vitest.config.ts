import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/test/ts/**/*.test.ts", "src/test/ts/**/*.test.tsx"],
    environment: "node",
  },
});
