/**
 * What only some routes need is loaded on first use, not at start: a Lambda cold start (or a server that
 * only verifies tokens) then neither runs nor waits for it. Wrap the dynamic import once, at module level:
 *
 *   const webauthn = onFirstUse(() => import('@simplewebauthn/server'));
 *   ...
 *   const { verifyRegistrationResponse } = await webauthn();
 *
 * The import runs once and every caller shares it; a failed load is retried by the next call. Import only
 * types statically (`import type`) from such a module, or the bundle runs it at load again.
 */
export function onFirstUse<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}
