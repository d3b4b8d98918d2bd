import { DEFAULT_CORPUS_DIR, writeHostileCorpus } from '../scripts/hostile-corpus';

/** Writes the hostile-input corpus (git-ignored) before the specs run, so a fresh clone's `npm test` has it. */
export default function globalSetup(): void {
  writeHostileCorpus(DEFAULT_CORPUS_DIR);
}
