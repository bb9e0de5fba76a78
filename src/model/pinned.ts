/**
 * The files of the TF.js toxicity model (`tensorflow/tfjs-model/toxicity/1/default/1`)
 * and the USE vocabulary, with the sizes and checksums a copy must have to be
 * trusted. Values from ../shared/models/toxicity/README.md; sha256 is not
 * known for shards 1-6, only their git blob ids.
 */

/** `sha256` of the bytes, or `git-blob-sha1` = sha1("blob <size>\0" + bytes), what `git hash-object` prints. */
export type DigestAlgorithm = 'sha256' | 'git-blob-sha1';

export interface PinnedFile {
  /** File name inside the model folder (flat, as model.json's manifest names shards). */
  readonly name: string;
  readonly bytes: number;
  readonly algorithm: DigestAlgorithm;
  /** Lower-case hex. */
  readonly digest: string;
}

/** Folder name under the user cache; bump when the pinned files change. */
export const MODEL_NAME = 'toxicity-1';

export const PINNED_FILES: readonly PinnedFile[] = [
  {
    name: 'model.json',
    bytes: 173234,
    algorithm: 'sha256',
    digest: '27a8c98c1062132f88fe2e8a1e11c80c4166709f0d6f04baedc4df8c43739037',
  },
  {
    name: 'group1-shard1of7',
    bytes: 4194304,
    algorithm: 'git-blob-sha1',
    digest: '97718a716b03d5ad479456898eb29feb53ce0258',
  },
  {
    name: 'group1-shard2of7',
    bytes: 4194304,
    algorithm: 'git-blob-sha1',
    digest: '9bdf59ecc8cd1b20a1edc7a5d136121b5e5a12b4',
  },
  {
    name: 'group1-shard3of7',
    bytes: 4194304,
    algorithm: 'git-blob-sha1',
    digest: 'b13610788c1f3c2b7a6e802fd80c32a0c363166c',
  },
  {
    name: 'group1-shard4of7',
    bytes: 4194304,
    algorithm: 'git-blob-sha1',
    digest: '6239aa10ea86621a46c99b78001cb8f8d178e65f',
  },
  {
    name: 'group1-shard5of7',
    bytes: 4194304,
    algorithm: 'git-blob-sha1',
    digest: '7d04d289ceab242f4d4810b8cbdf282d81a3e0fa',
  },
  {
    name: 'group1-shard6of7',
    bytes: 4194304,
    algorithm: 'git-blob-sha1',
    digest: 'b16a417d406065bb24300c56aadd93133eb0b291',
  },
  {
    name: 'group1-shard7of7',
    bytes: 4086004,
    algorithm: 'sha256',
    digest: '4f8be744443d1b66430e391088abc4961afe4fcbc8e433d388dbea252cf9534c',
  },
  {
    name: 'vocab.json',
    bytes: 218327,
    algorithm: 'sha256',
    digest: '1ad860b9720c16cd48e666d664a556b2515c04f5a26a4b53c0372427913b1b8e',
  },
];
