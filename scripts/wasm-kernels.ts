/**
 * Assembles threadmod's WebAssembly kernels from their generated text
 * (src/flag/toxicity/kernels/*-wat.ts) with wabt, and writes the bytes as
 * base64 into a TypeScript module beside them, so neither the build nor a
 * worker needs an assembler. `npm run build:kernels`; a test checks that the
 * committed bytes are what the text assembles to.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { assembleMatmul, bytesModule } from './kernels/assemble.js';

const target = fileURLToPath(new URL('../src/flag/toxicity/kernels/matmul-bytes.ts', import.meta.url));
writeFileSync(target, bytesModule(await assembleMatmul()));
console.log(`wrote ${target}`);
