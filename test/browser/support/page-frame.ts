/**
 * Opens a page of the app as served (the example portal, the desk) in an iframe whose own viewport
 * is `width` CSS pixels, so its media and container queries see that screen. Resolves when the page
 * has loaded and every `jobag-*` element on it is defined: the loader defines each one after the
 * page's load event, when it sees its tag.
 */
export async function openPageFrame(path: string, width = 1200, height = 900): Promise<{ doc: Document; frame: HTMLIFrameElement }> {
  const frame = document.createElement('iframe');
  frame.style.cssText = `width: ${width}px; height: ${height}px; border: 0;`;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = path;
  document.body.append(frame);
  await loaded;
  const doc = frame.contentDocument!;
  const tags = new Set([...doc.querySelectorAll('*')].map((element) => element.localName).filter((name) => name.startsWith('jobag-')));
  await Promise.all([...tags].map((tag) => frame.contentWindow!.customElements.whenDefined(tag)));
  return { doc, frame };
}
