/**
 * What threadmod's replaced wasm kernels share: the part of tfjs-backend-wasm's
 * backend object they read (private in TF.js's types, so declared here once),
 * where a tensor's values sit in the wasm heap, how a replacement goes in
 * front of the kernel it replaces, and how a kernel module is loaded.
 */
import type * as TF from '@tensorflow/tfjs-core';

/** The part of tfjs-backend-wasm's BackendWasm the kernels use. */
export interface WasmBackend {
  makeOutput(shape: number[], dtype: TF.DataType): TF.TensorInfo;
  typedArrayFromHeap(info: TF.TensorInfo): Float32Array | Int32Array | Uint8Array;
  dataIdMap: { get(dataId: TF.DataId): { memoryOffset: number } | undefined };
  wasm: {
    /** The instance's exports; `memory` is its WebAssembly.Memory, which threadmod's modules import. */
    asm: { memory: unknown };
    HEAPU8: Uint8Array;
    HEAP32: Int32Array;
    HEAPF32: Float32Array;
    _malloc(bytes: number): number;
    _free(pointer: number): void;
  };
}

/** The WebAssembly API as used here (the project's TypeScript has no DOM types). */
export interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}

/** Byte offset of a tensor's values in the heap. Read it after any allocation: the heap may grow. */
export function heapOffset(backend: WasmBackend, info: TF.TensorInfo): number {
  const data = backend.dataIdMap.get(info.dataId);
  if (!data) throw new Error('a tensor without wasm memory');
  return data.memoryOffset;
}

export type KernelArgs = Parameters<TF.KernelFunc>[0];

/**
 * Puts `take` in front of the kernel registered now for `kernelName` on wasm: it returns the output
 * for the cases it handles and undefined for the rest, which go to the kernel it replaced (upstream's,
 * or another of threadmod's). False, and nothing replaced, if the backend has no such kernel.
 */
export function replaceWasmKernel(
  tf: typeof TF,
  kernelName: string,
  take: (args: KernelArgs, backend: WasmBackend) => TF.TensorInfo | TF.TensorInfo[] | undefined,
): boolean {
  const previous = tf.getKernel(kernelName, 'wasm')?.kernelFunc;
  if (!previous) return false;
  tf.unregisterKernel(kernelName, 'wasm');
  tf.registerKernel({
    kernelName,
    backendName: 'wasm',
    kernelFunc: (args) => take(args, args.backend as unknown as WasmBackend) ?? previous(args),
  });
  return true;
}

/**
 * A compiled kernel module, instantiated on the backend's memory at first use; undefined if this
 * runtime cannot compile it (no SIMD), in which case upstream's kernels stay.
 */
export function kernelModule<Exports>(base64: string): ((backend: WasmBackend) => Exports) | undefined {
  const wasm = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  if (!wasm) return undefined;
  let module: object;
  try {
    module = new wasm.Module(Buffer.from(base64, 'base64'));
  } catch {
    return undefined;
  }
  let instance: Exports | undefined;
  return (backend) =>
    (instance ??= new wasm.Instance(module, { env: { memory: backend.wasm.asm.memory } }).exports as Exports);
}
