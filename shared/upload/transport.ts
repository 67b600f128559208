import type { ApiRequest, ApiResponse, BridgeResult } from '../bridge';

/**
 * How the upload flow reaches the import server: `Bridge.connection.request` in the app (the key stays with
 * the platform), a fetch with the key in the CLI. A failed result means no HTTP answer arrived at all.
 */
export type Transport = (request: ApiRequest) => Promise<BridgeResult<ApiResponse>>;
