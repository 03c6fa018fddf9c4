/** Resolves once `condition` holds, polling every 5 ms; rejects after `timeoutMs`. Real timers only. */
export function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const check = () => {
      if (condition()) {
        resolve();
      } else if (Date.now() > deadline) {
        reject(new Error("timed out waiting"));
      } else {
        setTimeout(check, 5);
      }
    };
    check();
  });
}
