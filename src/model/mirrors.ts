/**
 * Where the model files can be downloaded. The hosts have been flaky (HTTP
 * 403, redirects to HTML pages), so `model fetch` tries each in turn and
 * trusts nothing it has not verified.
 */

export interface Mirror {
  /** Short name for progress and error messages (usually the host). */
  readonly name: string;
  /** URL of `file` on this mirror, or null when the mirror does not carry it. */
  url(file: string): string | null;
}

const TFHUB_MODEL = 'https://tfhub.dev/tensorflow/tfjs-model/toxicity/1/default/1';
const GCS_MODEL = 'https://storage.googleapis.com/tfjs-models/savedmodel/toxicity';
const GCS_VOCAB = 'https://storage.googleapis.com/tfjs-models/savedmodel/universal_sentence_encoder/vocab.json';

/** TF Hub (now redirecting to Kaggle) first, then the Google Cloud Storage bucket the tfjs-models packages used. */
export function defaultMirrors(): Mirror[] {
  return [
    {
      name: 'tfhub.dev',
      // TF Hub serves the toxicity graph but not the USE vocabulary.
      url: (file) => (file === 'vocab.json' ? null : `${TFHUB_MODEL}/${file}?tfjs-format=file`),
    },
    {
      name: 'storage.googleapis.com',
      url: (file) => (file === 'vocab.json' ? GCS_VOCAB : `${GCS_MODEL}/${file}`),
    },
  ];
}

/** A mirror that serves every file flat under one base URL (a user's own copy, or a test server). */
export function mirrorFromBase(base: string): Mirror {
  const url = new URL(base.endsWith('/') ? base : `${base}/`);
  return {
    name: url.host + url.pathname.replace(/\/$/, ''),
    url: (file) => new URL(encodeURIComponent(file), url).href,
  };
}
