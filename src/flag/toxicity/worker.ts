/**
 * A model worker: its own TF.js and wasm instance (wasm gets no threads in
 * Node, so parallelism comes from several of these). Loads the model once
 * from `workerData`, then scores the batches it is sent, one at a time.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { UserError } from '../../errors.js';
import { ToxicityEngine } from './engine.js';
import type { FromWorker, ToWorker, WorkerInit } from './protocol.js';

if (!parentPort) throw new Error('worker.ts must run in a worker thread');
const port: MessagePort = parentPort;

const post = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
const failure = (id: number | null, error: unknown): FromWorker => ({
  type: 'error',
  id,
  message: error instanceof Error ? error.message : String(error),
  userError: error instanceof UserError,
});

async function main(init: WorkerInit): Promise<void> {
  const started = performance.now();
  let engine: ToxicityEngine;
  try {
    engine = await ToxicityEngine.load(init.modelDir, init.backend);
  } catch (error) {
    post(failure(null, error));
    return;
  }
  post({ type: 'ready', loadMs: performance.now() - started });
  // Batches are scored strictly one after another: the pool sends one at a time, and executeAsync must not interleave.
  let queue = Promise.resolve();
  port.on('message', (message: ToWorker) => {
    queue = queue.then(async () => {
      try {
        const pairs = await engine.scoreTokens({ ids: message.ids, lengths: message.lengths });
        post({ type: 'scored', id: message.id, pairs, numTensors: engine.numTensors() }, [pairs.buffer as ArrayBuffer]);
      } catch (error) {
        post(failure(message.id, error));
      }
    });
  });
}

void main(workerData as WorkerInit);
