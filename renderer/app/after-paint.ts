/**
 * Runs `task` in a task of its own once the browser has painted the next frame (a frame callback, then a
 * zero timeout after it). Splitting heavy UI work this way lets what is already rendered show first and keeps
 * each piece a short task. Returns a function that cancels it.
 */
export function afterNextPaint(task: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(task, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    if (timer !== undefined) clearTimeout(timer);
  };
}
