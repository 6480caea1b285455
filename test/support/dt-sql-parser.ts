// Loads dt-sql-parser (Trino and Hive grammars) in tests. Its ESM build uses extensionless relative imports,
// which Node's resolver rejects; this hook adds `.js` / `/index.js` for that package's files only.
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (e) {
      if (!context.parentURL?.includes('/node_modules/dt-sql-parser/') || !specifier.startsWith('.')) throw e;
      for (const suffix of ['.js', '/index.js']) {
        try {
          return nextResolve(specifier + suffix, context);
        } catch {
          // try the next spelling
        }
      }
      throw e;
    }
  },
});

const parser = await import('dt-sql-parser');
export const { TrinoSQL, HiveSQL } = parser;
