// Worker figures: the first reply after Chromium stopped the worker, and its JS heap.
import type { Extension } from '../e2e/harness/extension.ts'
import { timedRequest } from './in-page.ts'
import { attachToWorker, workerHeapAfterGc } from './worker-target.ts'

/** Stops the worker through CDP, then times the first request (`getState`) from an open page. */
export async function measureColdStarts(ext: Extension, runs: number): Promise<number[]> {
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    await ext.stopWorker()
    const { ms, reply } = await timedRequest(ext.page, 'getState')
    if (!(reply as { ok?: boolean }).ok) throw new Error(`getState after a stop failed: ${JSON.stringify(reply)}`)
    samples.push(ms)
  }
  return samples
}

/**
 * The worker's used JS heap after a full GC, once per sample, each after a `getState` so the worker
 * is running and has read its state. Attaches to the worker as it runs now (after any stop).
 */
export async function measureHeap(ext: Extension, samples: number): Promise<number[]> {
  await timedRequest(ext.page, 'getState')
  const target = await attachToWorker(ext.context, ext.origin)
  try {
    const sizes: number[] = []
    for (let i = 0; i < samples; i++) {
      await timedRequest(ext.page, 'getState')
      sizes.push(await workerHeapAfterGc(target))
    }
    return sizes
  } finally {
    await target.detach()
  }
}
