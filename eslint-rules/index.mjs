import clientStaysOffServer from "./client-stays-off-server.mjs";
import noHardCodedJsxText from "./no-hard-coded-jsx-text.mjs";

// Songloft's own lint rules, loaded by eslint.config.mjs as the "songloft" plugin.
const plugin = {
  meta: { name: "songloft" },
  rules: { "client-stays-off-server": clientStaysOffServer, "no-hard-coded-jsx-text": noHardCodedJsxText },
};

export default plugin;
