import type { ApiRequest, ApiResponse, BridgeResult } from '../bridge';

/**
 * How the upload flow reaches the import server: `Bridge.connection.request` in the app (the key stays with
 * the platform), a fetch with the key in the CLI; both under transport-policy.ts. A failed result means no
 * usable HTTP answer: none arrived, or the policy refused to send the request or to follow a redirect.
 */
export type Transport = (request: ApiRequest) => Promise<BridgeResult<ApiResponse>>;
