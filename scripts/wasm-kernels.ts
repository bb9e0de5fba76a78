/**
 * Assembles threadmod's WebAssembly kernels from their generated text
 * (src/flag/toxicity/kernels/*-wat.ts) with wabt, and writes the bytes as
 * base64 into a TypeScript module beside each, so neither the build nor a
 * worker needs an assembler. `npm run build:kernels`; tests check that the
 * committed bytes are what the text assembles to.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { assemble, bytesModule, KERNEL_MODULES } from './kernels/assemble.js';

for (const kernel of KERNEL_MODULES) {
  const target = fileURLToPath(new URL(`../src/flag/toxicity/kernels/${kernel.name}-bytes.ts`, import.meta.url));
  writeFileSync(target, bytesModule(kernel, await assemble(kernel)));
  console.log(`wrote ${target}`);
}
