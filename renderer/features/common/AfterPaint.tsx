import { type ReactNode, useEffect, useState } from 'react';

/**
 * Its children from the task after the first paint on, `placeholder` until then: a view whose
 * parts each take a long first render (a recharts chart mounts in one synchronous cascade of
 * store updates) is then mounted over several tasks, not in one. A hidden page does not paint;
 * a timeout stands in for the paint there.
 */
export function AfterPaint({
  children,
  placeholder,
}: {
  children: ReactNode;
  placeholder: ReactNode;
}) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let done = false;
    const channel = new MessageChannel();
    const show = () => {
      if (done) return;
      done = true;
      setReady(true);
    };
    channel.port1.onmessage = show;
    // requestAnimationFrame runs just before the paint; the message, just after it.
    const frame = requestAnimationFrame(() => channel.port2.postMessage(null));
    const fallback = setTimeout(show, 250);
    return () => {
      done = true;
      cancelAnimationFrame(frame);
      clearTimeout(fallback);
      channel.port1.close();
    };
  }, []);
  return ready ? children : placeholder;
}
