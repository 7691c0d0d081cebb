/** Longest delay `setTimeout` honours (about 24.8 days); longer ones would fire at once. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * One cancellable, unref'd timer: it never keeps the process alive, and `clear()`
 * leaves nothing behind.
 */
export class Timer {
  #handle: ReturnType<typeof setTimeout> | undefined;

  /** (Re)arms the timer; a pending run is cancelled first. */
  set(delayMs: number, run: () => void): void {
    this.clear();
    const delay = Math.min(Math.max(0, Math.floor(delayMs)), MAX_DELAY_MS);
    this.#handle = setTimeout(() => {
      this.#handle = undefined;
      run();
    }, delay);
    this.#handle.unref?.();
  }

  clear(): void {
    if (this.#handle !== undefined) clearTimeout(this.#handle);
    this.#handle = undefined;
  }

  get pending(): boolean {
    return this.#handle !== undefined;
  }
}
