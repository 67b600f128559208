// The app:// protocol handler: serves the built renderer with the strict headers of content-policy.ts. Only
// GET/HEAD for our own host; everything else is 404/405, and nothing outside the renderer folder is reachable.
import { appHost } from '../common/app-origin';
import { serveAppFile } from '../common/app-files';

export async function handleAppRequest(request: Request, rendererDir: string): Promise<Response> {
  const url = new URL(request.url);
  if (url.host !== appHost) return new Response('not found', { status: 404 });
  const answer = await serveAppFile(rendererDir, url.pathname, 'electron', request.method);
  const body = request.method === 'HEAD' ? null : answer.body;
  return new Response(body as ConstructorParameters<typeof Response>[0], {
    status: answer.status,
    headers: answer.headers,
  });
}
