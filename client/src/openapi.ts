// Generated from the service's OpenAPI document (GET /openapi.json) by `npm run client:types`.
// Do not edit: test/client-types.test.ts fails when this file and the served document disagree.

export interface paths {
    "/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The hosted pages: sign in, sign up and the account console
         * @description Answers 404 when the page is not deployed (a Lambda function without WebAssetsLayer). `?redirect_to=<url>` returns the browser there after sign-in when its origin is the service or one of ALLOWED_ORIGINS.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Where to return after sign-in */
                    redirect_to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The page */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/html": string;
                    };
                };
                /** @description Not modified since the copy the client holds (ETag) */
                304: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description `NOT_FOUND`: not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotFoundError"];
                    };
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/jwks.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The public keys that check ES256 access tokens (JWK Set, RFC 7517)
         * @description During a key rotation both the new key and the previous one are listed; match a token to its key by `kid`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The key set */
                200: {
                    headers: {
                        "Cache-Control": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["JwkSet"];
                    };
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/account": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete the account and every session; its tokens stop working at once */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["DeleteAccountRequest"];
                };
            };
            responses: {
                /** @description Deleted; the cookies are cleared */
                200: {
                    headers: {
                        "Cache-Control": "no-store";
                        /** @description Clears both cookies: `auth_token=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; …` and `refresh_token=; Path=/refresh; Expires=…` */
                        "Set-Cookie": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AccountDeletedResponse"];
                    };
                };
                /** @description `VALIDATION_FAILED`: a field is invalid (`field` names it); `MALFORMED_JSON`: the body is not well-formed JSON; `REQUEST_ABORTED`: the client stopped sending the body; `BAD_CONTENT_LENGTH`: the body is not as long as Content-Length says; `UNREADABLE_BODY`: the body could not be decoded: a corrupt or truncated gzip, deflate or br body */
                400: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BadRequestError"];
                    };
                };
                /** @description `UNAUTHENTICATED`: no live session: the token or credential is missing, invalid, expired or revoked */
                401: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnauthorizedError"];
                    };
                };
                /** @description `CSRF_REFUSED`: refused by the CSRF check: an Origin (or `Sec-Fetch-Site: cross-site`) that is neither this service nor one of ALLOWED_ORIGINS, or a session cookie without `Content-Type: application/json`; the message says what to send instead; `WRONG_PASSWORD`: the current password is wrong; `SECOND_FACTOR_REQUIRED`: two-step verification is on, and the request has no `code` or `recoveryCode` (the password was right); `WRONG_SECOND_FACTOR`: the code or recovery code is wrong or was used already (the password was right) */
                403: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ForbiddenError"];
                    };
                };
                /** @description `CONFLICT`: the account changed meanwhile (a concurrent password change or deletion); retry */
                409: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ConflictError"];
                    };
                };
                /** @description `BODY_TOO_LARGE`: the body is larger than 16 kB */
                413: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayloadTooLargeError"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: the body is not JSON; `UNSUPPORTED_ENCODING`: the body has a Content-Encoding the service does not read; `UNSUPPORTED_CHARSET`: the body has a charset other than UTF-8 */
                415: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnsupportedMediaTypeError"];
                    };
                };
                /** @description `TOO_MANY_ATTEMPTS`: too many failed attempts; retry after `Retry-After` seconds (even the right password is refused until then) */
                429: {
                    headers: {
                        "Cache-Control": "no-store";
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TooManyAttemptsError"];
                    };
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
                /** @description `STORE_UNAVAILABLE`: the user store is unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        "Cache-Control": "no-store";
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ServiceUnavailableError"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A page of users in username order, optionally by prefix (from the user directory, no table Scan) */
        get: {
            parameters: {
                query?: {
                    /** @description The `next` of the previous page */
                    after?: string;
                    /** @description Users per page, 1 to 100 (default 50) */
                    limit?: string;
                    /** @description Only usernames that start with this */
                    prefix?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description One page; `next` leads to the following one */
                200: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AdminUserPage"];
                    };
                };
                /** @description `VALIDATION_FAILED`: a field is invalid (`field` names it); `MALFORMED_JSON`: the body is not well-formed JSON; `REQUEST_ABORTED`: the client stopped sending the body; `BAD_CONTENT_LENGTH`: the body is not as long as Content-Length says; `UNREADABLE_BODY`: the body could not be decoded: a corrupt or truncated gzip, deflate or br body */
                400: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BadRequestError"];
                    };
                };
                /** @description `ADMIN_UNAUTHENTICATED`: not an operator: locally, no `Authorization: Bearer <ADMIN_API_KEY>` or a wrong one; in AWS, a request that did not come through the IAM-authorized admin routes. A user's session never counts */
                401: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnauthorizedError"];
                    };
                };
                /** @description `BODY_TOO_LARGE`: the body is larger than 16 kB */
                413: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayloadTooLargeError"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: the body is not JSON; `UNSUPPORTED_ENCODING`: the body has a Content-Encoding the service does not read; `UNSUPPORTED_CHARSET`: the body has a charset other than UTF-8 */
                415: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnsupportedMediaTypeError"];
                    };
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
                /** @description `STORE_UNAVAILABLE`: the user store is unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        "Cache-Control": "no-store";
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ServiceUnavailableError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/users/{username}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One user: name, created, disabled, live sessions */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The username (matched as at sign-in: case-insensitively, after Unicode normalisation) */
                    username: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The user */
                200: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AdminUserDetails"];
                    };
                };
                /** @description `VALIDATION_FAILED`: a field is invalid (`field` names it); `MALFORMED_JSON`: the body is not well-formed JSON; `REQUEST_ABORTED`: the client stopped sending the body; `BAD_CONTENT_LENGTH`: the body is not as long as Content-Length says; `UNREADABLE_BODY`: the body could not be decoded: a corrupt or truncated gzip, deflate or br body */
                400: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BadRequestError"];
                    };
                };
                /** @description `ADMIN_UNAUTHENTICATED`: not an operator: locally, no `Authorization: Bearer <ADMIN_API_KEY>` or a wrong one; in AWS, a request that did not come through the IAM-authorized admin routes. A user's session never counts */
                401: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnauthorizedError"];
                    };
                };
                /** @description `NOT_FOUND`: not found */
                404: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotFoundError"];
                    };
                };
                /** @description `BODY_TOO_LARGE`: the body is larger than 16 kB */
                413: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayloadTooLargeError"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: the body is not JSON; `UNSUPPORTED_ENCODING`: the body has a Content-Encoding the service does not read; `UNSUPPORTED_CHARSET`: the body has a charset other than UTF-8 */
                415: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnsupportedMediaTypeError"];
                    };
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
                /** @description `STORE_UNAVAILABLE`: the user store is unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        "Cache-Control": "no-store";
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ServiceUnavailableError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete the account, its sessions and passkeys */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The username (matched as at sign-in: case-insensitively, after Unicode normalisation) */
                    username: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                200: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AdminDone"];
                    };
                };
                /** @description `VALIDATION_FAILED`: a field is invalid (`field` names it); `MALFORMED_JSON`: the body is not well-formed JSON; `REQUEST_ABORTED`: the client stopped sending the body; `BAD_CONTENT_LENGTH`: the body is not as long as Content-Length says; `UNREADABLE_BODY`: the body could not be decoded: a corrupt or truncated gzip, deflate or br body */
                400: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BadRequestError"];
                    };
                };
                /** @description `ADMIN_UNAUTHENTICATED`: not an operator: locally, no `Authorization: Bearer <ADMIN_API_KEY>` or a wrong one; in AWS, a request that did not come through the IAM-authorized admin routes. A user's session never counts */
                401: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnauthorizedError"];
                    };
                };
                /** @description `CSRF_REFUSED`: refused by the CSRF check: an Origin (or `Sec-Fetch-Site: cross-site`) that is neither this service nor one of ALLOWED_ORIGINS, or a session cookie without `Content-Type: application/json`; the message says what to send instead */
                403: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ForbiddenError"];
                    };
                };
                /** @description `NOT_FOUND`: not found */
                404: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotFoundError"];
                    };
                };
                /** @description `BODY_TOO_LARGE`: the body is larger than 16 kB */
                413: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayloadTooLargeError"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: the body is not JSON; `UNSUPPORTED_ENCODING`: the body has a Content-Encoding the service does not read; `UNSUPPORTED_CHARSET`: the body has a charset other than UTF-8 */
                415: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnsupportedMediaTypeError"];
                    };
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
                /** @description `STORE_UNAVAILABLE`: the user store is unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        "Cache-Control": "no-store";
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ServiceUnavailableError"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/users/{username}/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Disable the account: sign-ins refused (403 ACCOUNT_DISABLED), every session ended at once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The username (matched as at sign-in: case-insensitively, after Unicode normalisation) */
                    username: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Disabled */
                200: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AdminUser"];
                    };
                };
                /** @description `VALIDATION_FAILED`: a field is invalid (`field` names it); `MALFORMED_JSON`: the body is not well-formed JSON; `REQUEST_ABORTED`: the client stopped sending the body; `BAD_CONTENT_LENGTH`: the body is not as long as Content-Length says; `UNREADABLE_BODY`: the body could not be decoded: a corrupt or truncated gzip, deflate or br body */
                400: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BadRequestError"];
                    };
                };
                /** @description `ADMIN_UNAUTHENTICATED`: not an operator: locally, no `Authorization: Bearer <ADMIN_API_KEY>` or a wrong one; in AWS, a request that did not come through the IAM-authorized admin routes. A user's session never counts */
                401: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnauthorizedError"];
                    };
                };
                /** @description `CSRF_REFUSED`: refused by the CSRF check: an Origin (or `Sec-Fetch-Site: cross-site`) that is neither this service nor one of ALLOWED_ORIGINS, or a session cookie without `Content-Type: application/json`; the message says what to send instead */
                403: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ForbiddenError"];
                    };
                };
                /** @description `NOT_FOUND`: not found */
                404: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotFoundError"];
                    };
                };
                /** @description `BODY_TOO_LARGE`: the body is larger than 16 kB */
                413: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayloadTooLargeError"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: the body is not JSON; `UNSUPPORTED_ENCODING`: the body has a Content-Encoding the service does not read; `UNSUPPORTED_CHARSET`: the body has a charset other than UTF-8 */
                415: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnsupportedMediaTypeError"];
                    };
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
                /** @description `STORE_UNAVAILABLE`: the user store is unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        "Cache-Control": "no-store";
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ServiceUnavailableError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/users/{username}/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Let a disabled account sign in again (its ended sessions stay ended) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The username (matched as at sign-in: case-insensitively, after Unicode normalisation) */
                    username: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Enabled */
                200: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AdminUser"];
                    };
                };
                /** @description `VALIDATION_FAILED`: a field is invalid (`field` names it); `MALFORMED_JSON`: the body is not well-formed JSON; `REQUEST_ABORTED`: the client stopped sending the body; `BAD_CONTENT_LENGTH`: the body is not as long as Content-Length says; `UNREADABLE_BODY`: the body could not be decoded: a corrupt or truncated gzip, deflate or br body */
                400: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BadRequestError"];
                    };
                };
                /** @description `ADMIN_UNAUTHENTICATED`: not an operator: locally, no `Authorization: Bearer <ADMIN_API_KEY>` or a wrong one; in AWS, a request that did not come through the IAM-authorized admin routes. A user's session never counts */
                401: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnauthorizedError"];
                    };
                };
                /** @description `CSRF_REFUSED`: refused by the CSRF check: an Origin (or `Sec-Fetch-Site: cross-site`) that is neither this service nor one of ALLOWED_ORIGINS, or a session cookie without `Content-Type: application/json`; the message says what to send instead */
                403: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ForbiddenError"];
                    };
                };
                /** @description `NOT_FOUND`: not found */
                404: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotFoundError"];
                    };
                };
                /** @description `BODY_TOO_LARGE`: the body is larger than 16 kB */
                413: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayloadTooLargeError"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: the body is not JSON; `UNSUPPORTED_ENCODING`: the body has a Content-Encoding the service does not read; `UNSUPPORTED_CHARSET`: the body has a charset other than UTF-8 */
                415: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnsupportedMediaTypeError"];
                    };
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
                /** @description `STORE_UNAVAILABLE`: the user store is unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        "Cache-Control": "no-store";
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ServiceUnavailableError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/users/{username}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The user's security events (audit trail), newest first, a page at a time, as GET /me/events shows them */
        get: {
            parameters: {
                query?: {
                    /** @description The `next` of the previous page; left out for the newest events */
                    cursor?: string;
                    /** @description Events per page (1–100, default 20) */
                    limit?: number;
                };
                header?: never;
                path: {
                    /** @description The username (matched as at sign-in: case-insensitively, after Unicode normalisation) */
                    username: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description One page; `next` leads to the older events */
                200: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SecurityEventsResponse"];
                    };
                };
                /** @description `VALIDATION_FAILED`: a field is invalid (`field` names it); `MALFORMED_JSON`: the body is not well-formed JSON; `REQUEST_ABORTED`: the client stopped sending the body; `BAD_CONTENT_LENGTH`: the body is not as long as Content-Length says; `UNREADABLE_BODY`: the body could not be decoded: a corrupt or truncated gzip, deflate or br body */
                400: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BadRequestError"];
                    };
                };
                /** @description `ADMIN_UNAUTHENTICATED`: not an operator: locally, no `Authorization: Bearer <ADMIN_API_KEY>` or a wrong one; in AWS, a request that did not come through the IAM-authorized admin routes. A user's session never counts */
                401: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnauthorizedError"];
                    };
                };
                /** @description `NOT_FOUND`: not found */
                404: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotFoundError"];
                    };
                };
                /** @description `BODY_TOO_LARGE`: the body is larger than 16 kB */
                413: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayloadTooLargeError"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: the body is not JSON; `UNSUPPORTED_ENCODING`: the body has a Content-Encoding the service does not read; `UNSUPPORTED_CHARSET`: the body has a charset other than UTF-8 */
                415: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnsupportedMediaTypeError"];
                    };
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
                /** @description `STORE_UNAVAILABLE`: the user store is unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        "Cache-Control": "no-store";
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ServiceUnavailableError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/users/{username}/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The user's live sessions, most recently used first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The username (matched as at sign-in: case-insensitively, after Unicode normalisation) */
                    username: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Live sessions (`current` is always false here) */
                200: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AdminSessions"];
                    };
                };
                /** @description `VALIDATION_FAILED`: a field is invalid (`field` names it); `MALFORMED_JSON`: the body is not well-formed JSON; `REQUEST_ABORTED`: the client stopped sending the body; `BAD_CONTENT_LENGTH`: the body is not as long as Content-Length says; `UNREADABLE_BODY`: the body could not be decoded: a corrupt or truncated gzip, deflate or br body */
                400: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BadRequestError"];
                    };
                };
                /** @description `ADMIN_UNAUTHENTICATED`: not an operator: locally, no `Authorization: Bearer <ADMIN_API_KEY>` or a wrong one; in AWS, a request that did not come through the IAM-authorized admin routes. A user's session never counts */
                401: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnauthorizedError"];
                    };
                };
                /** @description `NOT_FOUND`: not found */
                404: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotFoundError"];
                    };
                };
                /** @description `BODY_TOO_LARGE`: the body is larger than 16 kB */
                413: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayloadTooLargeError"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: the body is not JSON; `UNSUPPORTED_ENCODING`: the body has a Content-Encoding the service does not read; `UNSUPPORTED_CHARSET`: the body has a charset other than UTF-8 */
                415: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnsupportedMediaTypeError"];
                    };
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
                /** @description `STORE_UNAVAILABLE`: the user store is unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        "Cache-Control": "no-store";
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ServiceUnavailableError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/users/{username}/sign-out": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End every session of the user */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The username (matched as at sign-in: case-insensitively, after Unicode normalisation) */
                    username: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Signed out everywhere */
                200: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AdminSignedOut"];
                    };
                };
                /** @description `VALIDATION_FAILED`: a field is invalid (`field` names it); `MALFORMED_JSON`: the body is not well-formed JSON; `REQUEST_ABORTED`: the client stopped sending the body; `BAD_CONTENT_LENGTH`: the body is not as long as Content-Length says; `UNREADABLE_BODY`: the body could not be decoded: a corrupt or truncated gzip, deflate or br body */
                400: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BadRequestError"];
                    };
                };
                /** @description `ADMIN_UNAUTHENTICATED`: not an operator: locally, no `Authorization: Bearer <ADMIN_API_KEY>` or a wrong one; in AWS, a request that did not come through the IAM-authorized admin routes. A user's session never counts */
                401: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnauthorizedError"];
                    };
                };
                /** @description `CSRF_REFUSED`: refused by the CSRF check: an Origin (or `Sec-Fetch-Site: cross-site`) that is neither this service nor one of ALLOWED_ORIGINS, or a session cookie without `Content-Type: application/json`; the message says what to send instead */
                403: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ForbiddenError"];
                    };
                };
                /** @description `NOT_FOUND`: not found */
                404: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotFoundError"];
                    };
                };
                /** @description `BODY_TOO_LARGE`: the body is larger than 16 kB */
                413: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayloadTooLargeError"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: the body is not JSON; `UNSUPPORTED_ENCODING`: the body has a Content-Encoding the service does not read; `UNSUPPORTED_CHARSET`: the body has a charset other than UTF-8 */
                415: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnsupportedMediaTypeError"];
                    };
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
                /** @description `STORE_UNAVAILABLE`: the user store is unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        "Cache-Control": "no-store";
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ServiceUnavailableError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/users/{username}/unlock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Clear the account's failed-login lockout */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The username (matched as at sign-in: case-insensitively, after Unicode normalisation) */
                    username: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Unlocked */
                200: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AdminDone"];
                    };
                };
                /** @description `VALIDATION_FAILED`: a field is invalid (`field` names it); `MALFORMED_JSON`: the body is not well-formed JSON; `REQUEST_ABORTED`: the client stopped sending the body; `BAD_CONTENT_LENGTH`: the body is not as long as Content-Length says; `UNREADABLE_BODY`: the body could not be decoded: a corrupt or truncated gzip, deflate or br body */
                400: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BadRequestError"];
                    };
                };
                /** @description `ADMIN_UNAUTHENTICATED`: not an operator: locally, no `Authorization: Bearer <ADMIN_API_KEY>` or a wrong one; in AWS, a request that did not come through the IAM-authorized admin routes. A user's session never counts */
                401: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnauthorizedError"];
                    };
                };
                /** @description `CSRF_REFUSED`: refused by the CSRF check: an Origin (or `Sec-Fetch-Site: cross-site`) that is neither this service nor one of ALLOWED_ORIGINS, or a session cookie without `Content-Type: application/json`; the message says what to send instead */
                403: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ForbiddenError"];
                    };
                };
                /** @description `NOT_FOUND`: not found */
                404: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotFoundError"];
                    };
                };
                /** @description `BODY_TOO_LARGE`: the body is larger than 16 kB */
                413: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayloadTooLargeError"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: the body is not JSON; `UNSUPPORTED_ENCODING`: the body has a Content-Encoding the service does not read; `UNSUPPORTED_CHARSET`: the body has a charset other than UTF-8 */
                415: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnsupportedMediaTypeError"];
                    };
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
                /** @description `STORE_UNAVAILABLE`: the user store is unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        "Cache-Control": "no-store";
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ServiceUnavailableError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/assets/{file}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The page's script, style sheet and icon */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A file name */
                    file: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The file */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "image/svg+xml": string;
                        "text/css": string;
                        "text/javascript": string;
                    };
                };
                /** @description Not modified since the copy the client holds (ETag) */
                304: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description `NOT_FOUND`: not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotFoundError"];
                    };
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/docs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Redirects to /docs/ (relatively, so it works under an API Gateway stage prefix) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Moved */
                301: {
                    headers: {
                        Location: "docs/";
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/docs/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Interactive API docs (Swagger UI)
         * @description Answers 404 when the page is not deployed (a Lambda function without WebAssetsLayer).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The docs page */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/html": string;
                    };
                };
                /** @description Not modified since the copy the client holds (ETag) */
                304: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description `NOT_FOUND`: not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotFoundError"];
                    };
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/docs/{file}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Swagger UI files (from the swagger-ui-dist package) and its initializer */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A file name */
                    file: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The file */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "image/png": string;
                        "text/css": string;
                        "text/javascript": string;
                    };
                };
                /** @description Not modified since the copy the client holds (ETag) */
                304: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description `NOT_FOUND`: not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotFoundError"];
                    };
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change the address (password required): a link goes to the new one, a notice to the verified one, which stays in force until the new one is verified */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ChangeEmailRequest"];
                };
            };
            responses: {
                /** @description The address given is the verified one already; nothing was sent */
                200: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EmailUnchangedResponse"];
                    };
                };
                /** @description A verification link was sent to the new address */
                202: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["VerificationSentResponse"];
                    };
                };
                /** @description `VALIDATION_FAILED`: a field is invalid (`field` names it); `MALFORMED_JSON`: the body is not well-formed JSON; `REQUEST_ABORTED`: the client stopped sending the body; `BAD_CONTENT_LENGTH`: the body is not as long as Content-Length says; `UNREADABLE_BODY`: the body could not be decoded: a corrupt or truncated gzip, deflate or br body */
                400: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BadRequestError"];
                    };
                };
                /** @description `UNAUTHENTICATED`: no live session: the token or credential is missing, invalid, expired or revoked */
                401: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnauthorizedError"];
                    };
                };
                /** @description `CSRF_REFUSED`: refused by the CSRF check: an Origin (or `Sec-Fetch-Site: cross-site`) that is neither this service nor one of ALLOWED_ORIGINS, or a session cookie without `Content-Type: application/json`; the message says what to send instead; `WRONG_PASSWORD`: the current password is wrong; `SECOND_FACTOR_REQUIRED`: two-step verification is on, and the request has no `code` or `recoveryCode` (the password was right); `WRONG_SECOND_FACTOR`: the code or recovery code is wrong or was used already (the password was right) */
                403: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ForbiddenError"];
                    };
                };
                /** @description `CONFLICT`: the account changed meanwhile (a concurrent password change or deletion); retry */
                409: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ConflictError"];
                    };
                };
                /** @description `BODY_TOO_LARGE`: the body is larger than 16 kB */
                413: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayloadTooLargeError"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: the body is not JSON; `UNSUPPORTED_ENCODING`: the body has a Content-Encoding the service does not read; `UNSUPPORTED_CHARSET`: the body has a charset other than UTF-8 */
                415: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnsupportedMediaTypeError"];
                    };
                };
                /** @description `TOO_MANY_ATTEMPTS`: too many failed attempts; retry after `Retry-After` seconds (even the right password is refused until then) */
                429: {
                    headers: {
                        "Cache-Control": "no-store";
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TooManyAttemptsError"];
                    };
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
                /** @description `STORE_UNAVAILABLE`: the user store is unavailable; retry after `Retry-After` seconds; `MAIL_UNAVAILABLE`: the mail transport did not take the mail; what was asked for is kept, so a retry (or resend) works */
                503: {
                    headers: {
                        "Cache-Control": "no-store";
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ServiceUnavailableError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/email/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Verify the address a link was mailed to (the `token` of the link); the address is claimed for this account */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["VerifyEmailRequest"];
                };
            };
            responses: {
                /** @description Verified */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EmailVerifiedResponse"];
                    };
                };
                /** @description `VALIDATION_FAILED`: a field is invalid (`field` names it); `MALFORMED_JSON`: the body is not well-formed JSON; `REQUEST_ABORTED`: the client stopped sending the body; `BAD_CONTENT_LENGTH`: the body is not as long as Content-Length says; `UNREADABLE_BODY`: the body could not be decoded: a corrupt or truncated gzip, deflate or br body; `INVALID_TOKEN`: the mailed token is unknown, already used, replaced by a newer one, or expired */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BadRequestError"];
                    };
                };
                /** @description `CSRF_REFUSED`: refused by the CSRF check: an Origin (or `Sec-Fetch-Site: cross-site`) that is neither this service nor one of ALLOWED_ORIGINS, or a session cookie without `Content-Type: application/json`; the message says what to send instead */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ForbiddenError"];
                    };
                };
                /** @description `EMAIL_TAKEN`: another account verified this address first (only the owner of the mailbox can see this) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ConflictError"];
                    };
                };
                /** @description `BODY_TOO_LARGE`: the body is larger than 16 kB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayloadTooLargeError"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: the body is not JSON; `UNSUPPORTED_ENCODING`: the body has a Content-Encoding the service does not read; `UNSUPPORTED_CHARSET`: the body has a charset other than UTF-8 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnsupportedMediaTypeError"];
                    };
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
                /** @description `STORE_UNAVAILABLE`: the user store is unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ServiceUnavailableError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/email/verify/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mail a new verification link to the unverified address; the older link stops working */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Sent */
                202: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["VerificationSentResponse"];
                    };
                };
                /** @description `VALIDATION_FAILED`: a field is invalid (`field` names it); `MALFORMED_JSON`: the body is not well-formed JSON; `REQUEST_ABORTED`: the client stopped sending the body; `BAD_CONTENT_LENGTH`: the body is not as long as Content-Length says; `UNREADABLE_BODY`: the body could not be decoded: a corrupt or truncated gzip, deflate or br body */
                400: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BadRequestError"];
                    };
                };
                /** @description `UNAUTHENTICATED`: no live session: the token or credential is missing, invalid, expired or revoked */
                401: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnauthorizedError"];
                    };
                };
                /** @description `CSRF_REFUSED`: refused by the CSRF check: an Origin (or `Sec-Fetch-Site: cross-site`) that is neither this service nor one of ALLOWED_ORIGINS, or a session cookie without `Content-Type: application/json`; the message says what to send instead */
                403: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ForbiddenError"];
                    };
                };
                /** @description `NOTHING_TO_VERIFY`: the account has no unverified address to send a link to */
                409: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ConflictError"];
                    };
                };
                /** @description `BODY_TOO_LARGE`: the body is larger than 16 kB */
                413: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayloadTooLargeError"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: the body is not JSON; `UNSUPPORTED_ENCODING`: the body has a Content-Encoding the service does not read; `UNSUPPORTED_CHARSET`: the body has a charset other than UTF-8 */
                415: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnsupportedMediaTypeError"];
                    };
                };
                /** @description `TOO_MANY_ATTEMPTS`: too many failed attempts; retry after `Retry-After` seconds (even the right password is refused until then) */
                429: {
                    headers: {
                        "Cache-Control": "no-store";
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TooManyAttemptsError"];
                    };
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
                /** @description `STORE_UNAVAILABLE`: the user store is unavailable; retry after `Retry-After` seconds; `MAIL_UNAVAILABLE`: the mail transport did not take the mail; what was asked for is kept, so a retry (or resend) works */
                503: {
                    headers: {
                        "Cache-Control": "no-store";
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ServiceUnavailableError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process answers (no store call) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Alive */
                200: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["HealthResponse"];
                    };
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: the store answers one cheap read; 503 STORE_UNAVAILABLE when it does not */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Ready */
                200: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReadyResponse"];
                    };
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
                /** @description `STORE_UNAVAILABLE`: the user store is unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        "Cache-Control": "no-store";
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ServiceUnavailableError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in: returns a token and sets it as an HttpOnly cookie; or, with two-step verification on, an mfaToken
         * @description For an account with a second factor the right password answers `{"mfaRequired": true, "mfaToken": …, "methods": […]}` with no cookie and no token (and `Cache-Control: no-store`); POST /login/mfa completes the sign-in.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["LoginRequest"];
                };
            };
            responses: {
                /** @description Signed in (LoginResponse, with the cookies), or the password was right and a second factor is needed (MfaRequiredResponse, no cookie) */
                200: {
                    headers: {
                        /** @description Two cookies: `auth_token=<JWT>; Max-Age=…; Path=/; HttpOnly; Secure; SameSite=Lax` and `refresh_token=<refresh credential>; Max-Age=…; Path=/refresh; HttpOnly; Secure; SameSite=Strict` (Secure unless COOKIE_SECURE=false); and, when the browser sent no device cookie for this account, `auth_device=<device id and MAC>; Max-Age=31536000; Path=/login; HttpOnly; Secure; SameSite=Strict`: sign-ins that present it are judged by the device's own failure budget, not the account-wide lockout */
                        "Set-Cookie"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LoginResponse"] | components["schemas"]["MfaRequiredResponse"];
                    };
                };
                /** @description `VALIDATION_FAILED`: a field is invalid (`field` names it); `MALFORMED_JSON`: the body is not well-formed JSON; `REQUEST_ABORTED`: the client stopped sending the body; `BAD_CONTENT_LENGTH`: the body is not as long as Content-Length says; `UNREADABLE_BODY`: the body could not be decoded: a corrupt or truncated gzip, deflate or br body */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BadRequestError"];
                    };
                };
                /** @description `INVALID_CREDENTIALS`: wrong username or password */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnauthorizedError"];
                    };
                };
                /** @description `CSRF_REFUSED`: refused by the CSRF check: an Origin (or `Sec-Fetch-Site: cross-site`) that is neither this service nor one of ALLOWED_ORIGINS, or a session cookie without `Content-Type: application/json`; the message says what to send instead; `ACCOUNT_DISABLED`: the account is disabled by an operator; answered only after the right password (or passkey), so it reveals nothing to a guesser */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ForbiddenError"];
                    };
                };
                /** @description `BODY_TOO_LARGE`: the body is larger than 16 kB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayloadTooLargeError"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: the body is not JSON; `UNSUPPORTED_ENCODING`: the body has a Content-Encoding the service does not read; `UNSUPPORTED_CHARSET`: the body has a charset other than UTF-8 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnsupportedMediaTypeError"];
                    };
                };
                /** @description `TOO_MANY_ATTEMPTS`: too many failed attempts; retry after `Retry-After` seconds (even the right password is refused until then) */
                429: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TooManyAttemptsError"];
                    };
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
                /** @description `STORE_UNAVAILABLE`: the user store is unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ServiceUnavailableError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/login/mfa": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The second step of a sign-in: the mfaToken and a code (or a recovery code); the same answer and cookies as POST /login
         * @description The mfaToken lasts 5 minutes, works once and allows 5 tries. Wrong codes also count per account (MFA_ACCOUNT_MAX_FAILURES) and per IP: past them the answer is 429 with Retry-After. The session's `amr` is `["pwd","otp"]` with a code and `["pwd","rcode"]` with a recovery code.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["MfaLoginRequest"];
                };
            };
            responses: {
                /** @description Signed in */
                200: {
                    headers: {
                        /** @description Two cookies: `auth_token=<JWT>; Max-Age=…; Path=/; HttpOnly; Secure; SameSite=Lax` and `refresh_token=<refresh credential>; Max-Age=…; Path=/refresh; HttpOnly; Secure; SameSite=Strict` (Secure unless COOKIE_SECURE=false); and, when the browser sent no device cookie for this account, `auth_device=<device id and MAC>; Max-Age=31536000; Path=/login; HttpOnly; Secure; SameSite=Strict`: sign-ins that present it are judged by the device's own failure budget, not the account-wide lockout */
                        "Set-Cookie": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LoginResponse"];
                    };
                };
                /** @description `VALIDATION_FAILED`: a field is invalid (`field` names it); `MALFORMED_JSON`: the body is not well-formed JSON; `REQUEST_ABORTED`: the client stopped sending the body; `BAD_CONTENT_LENGTH`: the body is not as long as Content-Length says; `UNREADABLE_BODY`: the body could not be decoded: a corrupt or truncated gzip, deflate or br body */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BadRequestError"];
                    };
                };
                /** @description `MFA_TOKEN_INVALID`: the mfaToken is unknown, used, older than 5 minutes or past its 5 tries, or the account changed since the password was checked; `MFA_CODE_INVALID`: the code (or recovery code) is wrong or was used already; the mfaToken has one try fewer */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnauthorizedError"];
                    };
                };
                /** @description `CSRF_REFUSED`: refused by the CSRF check: an Origin (or `Sec-Fetch-Site: cross-site`) that is neither this service nor one of ALLOWED_ORIGINS, or a session cookie without `Content-Type: application/json`; the message says what to send instead */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ForbiddenError"];
                    };
                };
                /** @description `BODY_TOO_LARGE`: the body is larger than 16 kB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayloadTooLargeError"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: the body is not JSON; `UNSUPPORTED_ENCODING`: the body has a Content-Encoding the service does not read; `UNSUPPORTED_CHARSET`: the body has a charset other than UTF-8 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnsupportedMediaTypeError"];
                    };
                };
                /** @description `TOO_MANY_ATTEMPTS`: too many failed attempts; retry after `Retry-After` seconds (even the right password is refused until then) */
                429: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TooManyAttemptsError"];
                    };
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
                /** @description `STORE_UNAVAILABLE`: the user store is unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ServiceUnavailableError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke the session of the presented token and clear the cookie */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["LogoutRequest"];
                };
            };
            responses: {
                /** @description Signed out */
                200: {
                    headers: {
                        /** @description Clears both cookies: `auth_token=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; …` and `refresh_token=; Path=/refresh; Expires=…` */
                        "Set-Cookie": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LogoutResponse"];
                    };
                };
                /** @description `VALIDATION_FAILED`: a field is invalid (`field` names it); `MALFORMED_JSON`: the body is not well-formed JSON; `REQUEST_ABORTED`: the client stopped sending the body; `BAD_CONTENT_LENGTH`: the body is not as long as Content-Length says; `UNREADABLE_BODY`: the body could not be decoded: a corrupt or truncated gzip, deflate or br body */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BadRequestError"];
                    };
                };
                /** @description `UNAUTHENTICATED`: no live session: the token or credential is missing, invalid, expired or revoked */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnauthorizedError"];
                    };
                };
                /** @description `CSRF_REFUSED`: refused by the CSRF check: an Origin (or `Sec-Fetch-Site: cross-site`) that is neither this service nor one of ALLOWED_ORIGINS, or a session cookie without `Content-Type: application/json`; the message says what to send instead */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ForbiddenError"];
                    };
                };
                /** @description `BODY_TOO_LARGE`: the body is larger than 16 kB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayloadTooLargeError"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: the body is not JSON; `UNSUPPORTED_ENCODING`: the body has a Content-Encoding the service does not read; `UNSUPPORTED_CHARSET`: the body has a charset other than UTF-8 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnsupportedMediaTypeError"];
                    };
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
                /** @description `STORE_UNAVAILABLE`: the user store is unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ServiceUnavailableError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/logout-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke every session of the signed-in user, the current one included, and clear the cookies */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Signed out everywhere */
                200: {
                    headers: {
                        "Cache-Control": "no-store";
                        /** @description Clears both cookies: `auth_token=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; …` and `refresh_token=; Path=/refresh; Expires=…` */
                        "Set-Cookie": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LogoutAllResponse"];
                    };
                };
                /** @description `VALIDATION_FAILED`: a field is invalid (`field` names it); `MALFORMED_JSON`: the body is not well-formed JSON; `REQUEST_ABORTED`: the client stopped sending the body; `BAD_CONTENT_LENGTH`: the body is not as long as Content-Length says; `UNREADABLE_BODY`: the body could not be decoded: a corrupt or truncated gzip, deflate or br body */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BadRequestError"];
                    };
                };
                /** @description `UNAUTHENTICATED`: no live session: the token or credential is missing, invalid, expired or revoked */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnauthorizedError"];
                    };
                };
                /** @description `CSRF_REFUSED`: refused by the CSRF check: an Origin (or `Sec-Fetch-Site: cross-site`) that is neither this service nor one of ALLOWED_ORIGINS, or a session cookie without `Content-Type: application/json`; the message says what to send instead */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ForbiddenError"];
                    };
                };
                /** @description `BODY_TOO_LARGE`: the body is larger than 16 kB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayloadTooLargeError"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: the body is not JSON; `UNSUPPORTED_ENCODING`: the body has a Content-Encoding the service does not read; `UNSUPPORTED_CHARSET`: the body has a charset other than UTF-8 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnsupportedMediaTypeError"];
                    };
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
                /** @description `STORE_UNAVAILABLE`: the user store is unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ServiceUnavailableError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user's profile */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The profile */
                200: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MeResponse"];
                    };
                };
                /** @description `VALIDATION_FAILED`: a field is invalid (`field` names it); `MALFORMED_JSON`: the body is not well-formed JSON; `REQUEST_ABORTED`: the client stopped sending the body; `BAD_CONTENT_LENGTH`: the body is not as long as Content-Length says; `UNREADABLE_BODY`: the body could not be decoded: a corrupt or truncated gzip, deflate or br body */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BadRequestError"];
                    };
                };
                /** @description `UNAUTHENTICATED`: no live session: the token or credential is missing, invalid, expired or revoked */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnauthorizedError"];
                    };
                };
                /** @description `BODY_TOO_LARGE`: the body is larger than 16 kB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayloadTooLargeError"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: the body is not JSON; `UNSUPPORTED_ENCODING`: the body has a Content-Encoding the service does not read; `UNSUPPORTED_CHARSET`: the body has a charset other than UTF-8 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnsupportedMediaTypeError"];
                    };
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
                /** @description `STORE_UNAVAILABLE`: the user store is unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ServiceUnavailableError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The signed-in user's security events (sign-ins, failures, lockouts, logouts, password changes, …), newest first
         * @description Paginated: pass the answer's `next` as `cursor` for the next page. A cursor this API did not give answers 400 `VALIDATION_FAILED` naming `cursor`. Events are kept for SECURITY_EVENT_RETENTION_DAYS (90 days by default).
         */
        get: {
            parameters: {
                query?: {
                    /** @description The `next` of the previous page; left out for the newest events */
                    cursor?: string;
                    /** @description Events per page (1–100, default 20) */
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description One page of events */
                200: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SecurityEventsResponse"];
                    };
                };
                /** @description `VALIDATION_FAILED`: a field is invalid (`field` names it); `MALFORMED_JSON`: the body is not well-formed JSON; `REQUEST_ABORTED`: the client stopped sending the body; `BAD_CONTENT_LENGTH`: the body is not as long as Content-Length says; `UNREADABLE_BODY`: the body could not be decoded: a corrupt or truncated gzip, deflate or br body */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BadRequestError"];
                    };
                };
                /** @description `UNAUTHENTICATED`: no live session: the token or credential is missing, invalid, expired or revoked */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnauthorizedError"];
                    };
                };
                /** @description `BODY_TOO_LARGE`: the body is larger than 16 kB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayloadTooLargeError"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: the body is not JSON; `UNSUPPORTED_ENCODING`: the body has a Content-Encoding the service does not read; `UNSUPPORTED_CHARSET`: the body has a charset other than UTF-8 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnsupportedMediaTypeError"];
                    };
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
                /** @description `STORE_UNAVAILABLE`: the user store is unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ServiceUnavailableError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mfa": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether TOTP is on, and how many recovery codes are left */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The second factors */
                200: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MfaStatusResponse"];
                    };
                };
                /** @description `VALIDATION_FAILED`: a field is invalid (`field` names it); `MALFORMED_JSON`: the body is not well-formed JSON; `REQUEST_ABORTED`: the client stopped sending the body; `BAD_CONTENT_LENGTH`: the body is not as long as Content-Length says; `UNREADABLE_BODY`: the body could not be decoded: a corrupt or truncated gzip, deflate or br body */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BadRequestError"];
                    };
                };
                /** @description `UNAUTHENTICATED`: no live session: the token or credential is missing, invalid, expired or revoked */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnauthorizedError"];
                    };
                };
                /** @description `BODY_TOO_LARGE`: the body is larger than 16 kB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayloadTooLargeError"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: the body is not JSON; `UNSUPPORTED_ENCODING`: the body has a Content-Encoding the service does not read; `UNSUPPORTED_CHARSET`: the body has a charset other than UTF-8 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnsupportedMediaTypeError"];
                    };
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
                /** @description `STORE_UNAVAILABLE`: the user store is unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ServiceUnavailableError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mfa/recovery-codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replace the recovery codes: 10 new ones, and the old ones stop working
         * @description A fresh proof: `password`, and, when two-step verification is on, `code` (from the app) or `recoveryCode`. Wrong ones count against the sign-in limits (429 with Retry-After past them).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ReplaceRecoveryCodesRequest"];
                };
            };
            responses: {
                /** @description The new recovery codes */
                200: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RecoveryCodesResponse"];
                    };
                };
                /** @description `VALIDATION_FAILED`: a field is invalid (`field` names it); `MALFORMED_JSON`: the body is not well-formed JSON; `REQUEST_ABORTED`: the client stopped sending the body; `BAD_CONTENT_LENGTH`: the body is not as long as Content-Length says; `UNREADABLE_BODY`: the body could not be decoded: a corrupt or truncated gzip, deflate or br body */
                400: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BadRequestError"];
                    };
                };
                /** @description `UNAUTHENTICATED`: no live session: the token or credential is missing, invalid, expired or revoked */
                401: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnauthorizedError"];
                    };
                };
                /** @description `CSRF_REFUSED`: refused by the CSRF check: an Origin (or `Sec-Fetch-Site: cross-site`) that is neither this service nor one of ALLOWED_ORIGINS, or a session cookie without `Content-Type: application/json`; the message says what to send instead; `WRONG_PASSWORD`: the current password is wrong; `SECOND_FACTOR_REQUIRED`: two-step verification is on, and the request has no `code` or `recoveryCode` (the password was right); `WRONG_SECOND_FACTOR`: the code or recovery code is wrong or was used already (the password was right) */
                403: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ForbiddenError"];
                    };
                };
                /** @description `TOTP_NOT_ENABLED`: two-step verification (TOTP) is not on for this account */
                409: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ConflictError"];
                    };
                };
                /** @description `BODY_TOO_LARGE`: the body is larger than 16 kB */
                413: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayloadTooLargeError"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: the body is not JSON; `UNSUPPORTED_ENCODING`: the body has a Content-Encoding the service does not read; `UNSUPPORTED_CHARSET`: the body has a charset other than UTF-8 */
                415: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnsupportedMediaTypeError"];
                    };
                };
                /** @description `TOO_MANY_ATTEMPTS`: too many failed attempts; retry after `Retry-After` seconds (even the right password is refused until then) */
                429: {
                    headers: {
                        "Cache-Control": "no-store";
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TooManyAttemptsError"];
                    };
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
                /** @description `STORE_UNAVAILABLE`: the user store is unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        "Cache-Control": "no-store";
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ServiceUnavailableError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mfa/totp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start enrolling an authenticator app: the secret, its otpauth:// URI and a QR code (SVG)
         * @description A fresh proof: `password`, and, when two-step verification is on, `code` (from the app) or `recoveryCode`. Wrong ones count against the sign-in limits (429 with Retry-After past them). With TOTP already on, the current factor stays in force until the new one is confirmed.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["StartTotpRequest"];
                };
            };
            responses: {
                /** @description The enrolment: confirm it with a code within 10 minutes */
                200: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TotpEnrolmentResponse"];
                    };
                };
                /** @description `VALIDATION_FAILED`: a field is invalid (`field` names it); `MALFORMED_JSON`: the body is not well-formed JSON; `REQUEST_ABORTED`: the client stopped sending the body; `BAD_CONTENT_LENGTH`: the body is not as long as Content-Length says; `UNREADABLE_BODY`: the body could not be decoded: a corrupt or truncated gzip, deflate or br body */
                400: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BadRequestError"];
                    };
                };
                /** @description `UNAUTHENTICATED`: no live session: the token or credential is missing, invalid, expired or revoked */
                401: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnauthorizedError"];
                    };
                };
                /** @description `CSRF_REFUSED`: refused by the CSRF check: an Origin (or `Sec-Fetch-Site: cross-site`) that is neither this service nor one of ALLOWED_ORIGINS, or a session cookie without `Content-Type: application/json`; the message says what to send instead; `WRONG_PASSWORD`: the current password is wrong; `SECOND_FACTOR_REQUIRED`: two-step verification is on, and the request has no `code` or `recoveryCode` (the password was right); `WRONG_SECOND_FACTOR`: the code or recovery code is wrong or was used already (the password was right) */
                403: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ForbiddenError"];
                    };
                };
                /** @description `BODY_TOO_LARGE`: the body is larger than 16 kB */
                413: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayloadTooLargeError"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: the body is not JSON; `UNSUPPORTED_ENCODING`: the body has a Content-Encoding the service does not read; `UNSUPPORTED_CHARSET`: the body has a charset other than UTF-8 */
                415: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnsupportedMediaTypeError"];
                    };
                };
                /** @description `TOO_MANY_ATTEMPTS`: too many failed attempts; retry after `Retry-After` seconds (even the right password is refused until then) */
                429: {
                    headers: {
                        "Cache-Control": "no-store";
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TooManyAttemptsError"];
                    };
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
                /** @description `STORE_UNAVAILABLE`: the user store is unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        "Cache-Control": "no-store";
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ServiceUnavailableError"];
                    };
                };
            };
        };
        /**
         * Turn TOTP off, recovery codes included
         * @description A fresh proof: `password`, and, when two-step verification is on, `code` (from the app) or `recoveryCode`. Wrong ones count against the sign-in limits (429 with Retry-After past them).
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["DisableTotpRequest"];
                };
            };
            responses: {
                /** @description Off */
                200: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TotpDisabledResponse"];
                    };
                };
                /** @description `VALIDATION_FAILED`: a field is invalid (`field` names it); `MALFORMED_JSON`: the body is not well-formed JSON; `REQUEST_ABORTED`: the client stopped sending the body; `BAD_CONTENT_LENGTH`: the body is not as long as Content-Length says; `UNREADABLE_BODY`: the body could not be decoded: a corrupt or truncated gzip, deflate or br body */
                400: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BadRequestError"];
                    };
                };
                /** @description `UNAUTHENTICATED`: no live session: the token or credential is missing, invalid, expired or revoked */
                401: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnauthorizedError"];
                    };
                };
                /** @description `CSRF_REFUSED`: refused by the CSRF check: an Origin (or `Sec-Fetch-Site: cross-site`) that is neither this service nor one of ALLOWED_ORIGINS, or a session cookie without `Content-Type: application/json`; the message says what to send instead; `WRONG_PASSWORD`: the current password is wrong; `SECOND_FACTOR_REQUIRED`: two-step verification is on, and the request has no `code` or `recoveryCode` (the password was right); `WRONG_SECOND_FACTOR`: the code or recovery code is wrong or was used already (the password was right) */
                403: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ForbiddenError"];
                    };
                };
                /** @description `TOTP_NOT_ENABLED`: two-step verification (TOTP) is not on for this account */
                409: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ConflictError"];
                    };
                };
                /** @description `BODY_TOO_LARGE`: the body is larger than 16 kB */
                413: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayloadTooLargeError"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: the body is not JSON; `UNSUPPORTED_ENCODING`: the body has a Content-Encoding the service does not read; `UNSUPPORTED_CHARSET`: the body has a charset other than UTF-8 */
                415: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnsupportedMediaTypeError"];
                    };
                };
                /** @description `TOO_MANY_ATTEMPTS`: too many failed attempts; retry after `Retry-After` seconds (even the right password is refused until then) */
                429: {
                    headers: {
                        "Cache-Control": "no-store";
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TooManyAttemptsError"];
                    };
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
                /** @description `STORE_UNAVAILABLE`: the user store is unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        "Cache-Control": "no-store";
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ServiceUnavailableError"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mfa/totp/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm the enrolment with a first code: TOTP is on, and 10 recovery codes are shown once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ConfirmTotpRequest"];
                };
            };
            responses: {
                /** @description On; the recovery codes (only their hashes are kept) */
                200: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RecoveryCodesResponse"];
                    };
                };
                /** @description `VALIDATION_FAILED`: a field is invalid (`field` names it); `MALFORMED_JSON`: the body is not well-formed JSON; `REQUEST_ABORTED`: the client stopped sending the body; `BAD_CONTENT_LENGTH`: the body is not as long as Content-Length says; `UNREADABLE_BODY`: the body could not be decoded: a corrupt or truncated gzip, deflate or br body; `TOTP_NOT_CONFIRMED`: the code does not match the enrolment, or there is no live enrolment (none started, confirmed already, or older than 10 minutes) */
                400: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BadRequestError"];
                    };
                };
                /** @description `UNAUTHENTICATED`: no live session: the token or credential is missing, invalid, expired or revoked */
                401: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnauthorizedError"];
                    };
                };
                /** @description `CSRF_REFUSED`: refused by the CSRF check: an Origin (or `Sec-Fetch-Site: cross-site`) that is neither this service nor one of ALLOWED_ORIGINS, or a session cookie without `Content-Type: application/json`; the message says what to send instead */
                403: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ForbiddenError"];
                    };
                };
                /** @description `BODY_TOO_LARGE`: the body is larger than 16 kB */
                413: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayloadTooLargeError"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: the body is not JSON; `UNSUPPORTED_ENCODING`: the body has a Content-Encoding the service does not read; `UNSUPPORTED_CHARSET`: the body has a charset other than UTF-8 */
                415: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnsupportedMediaTypeError"];
                    };
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
                /** @description `STORE_UNAVAILABLE`: the user store is unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        "Cache-Control": "no-store";
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ServiceUnavailableError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This document (OpenAPI 3.1) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The document */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["OpenApiDocument"];
                    };
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/page-config.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The hosted pages' branding and the origins sign-in may return to */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The configuration the page reads */
                200: {
                    headers: {
                        "Cache-Control": "no-cache";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PageConfig"];
                    };
                };
                /** @description Not modified since the copy the client holds (ETag) */
                304: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/page-theme.css": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The hosted pages' accent colour (BRAND_ACCENT_COLOR) as CSS custom properties */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The style sheet */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/css": string;
                    };
                };
                /** @description Not modified since the copy the client holds (ETag) */
                304: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/passkeys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user's passkeys: name, when added and last used, synced or device-bound */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The passkeys, oldest first */
                200: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PasskeysResponse"];
                    };
                };
                /** @description `VALIDATION_FAILED`: a field is invalid (`field` names it); `MALFORMED_JSON`: the body is not well-formed JSON; `REQUEST_ABORTED`: the client stopped sending the body; `BAD_CONTENT_LENGTH`: the body is not as long as Content-Length says; `UNREADABLE_BODY`: the body could not be decoded: a corrupt or truncated gzip, deflate or br body */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BadRequestError"];
                    };
                };
                /** @description `UNAUTHENTICATED`: no live session: the token or credential is missing, invalid, expired or revoked */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnauthorizedError"];
                    };
                };
                /** @description `PASSKEYS_UNAVAILABLE`: passkeys are off: PUBLIC_URL is an IP address and WEBAUTHN_RP_ID is unset */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotFoundError"];
                    };
                };
                /** @description `BODY_TOO_LARGE`: the body is larger than 16 kB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayloadTooLargeError"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: the body is not JSON; `UNSUPPORTED_ENCODING`: the body has a Content-Encoding the service does not read; `UNSUPPORTED_CHARSET`: the body has a charset other than UTF-8 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnsupportedMediaTypeError"];
                    };
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
                /** @description `STORE_UNAVAILABLE`: the user store is unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ServiceUnavailableError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/passkeys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a passkey, with a fresh proof: the password, and a code when two-step verification is on */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The passkey id from GET /passkeys */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RemovePasskeyRequest"];
                };
            };
            responses: {
                /** @description Removed: it signs nobody in any more */
                200: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PasskeyRemovedResponse"];
                    };
                };
                /** @description `VALIDATION_FAILED`: a field is invalid (`field` names it); `MALFORMED_JSON`: the body is not well-formed JSON; `REQUEST_ABORTED`: the client stopped sending the body; `BAD_CONTENT_LENGTH`: the body is not as long as Content-Length says; `UNREADABLE_BODY`: the body could not be decoded: a corrupt or truncated gzip, deflate or br body */
                400: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BadRequestError"];
                    };
                };
                /** @description `UNAUTHENTICATED`: no live session: the token or credential is missing, invalid, expired or revoked */
                401: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnauthorizedError"];
                    };
                };
                /** @description `CSRF_REFUSED`: refused by the CSRF check: an Origin (or `Sec-Fetch-Site: cross-site`) that is neither this service nor one of ALLOWED_ORIGINS, or a session cookie without `Content-Type: application/json`; the message says what to send instead; `WRONG_PASSWORD`: the current password is wrong; `SECOND_FACTOR_REQUIRED`: two-step verification is on, and the request has no `code` or `recoveryCode` (the password was right); `WRONG_SECOND_FACTOR`: the code or recovery code is wrong or was used already (the password was right) */
                403: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ForbiddenError"];
                    };
                };
                /** @description `NOT_FOUND`: not found; `PASSKEYS_UNAVAILABLE`: passkeys are off: PUBLIC_URL is an IP address and WEBAUTHN_RP_ID is unset */
                404: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotFoundError"];
                    };
                };
                /** @description `BODY_TOO_LARGE`: the body is larger than 16 kB */
                413: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayloadTooLargeError"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: the body is not JSON; `UNSUPPORTED_ENCODING`: the body has a Content-Encoding the service does not read; `UNSUPPORTED_CHARSET`: the body has a charset other than UTF-8 */
                415: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnsupportedMediaTypeError"];
                    };
                };
                /** @description `TOO_MANY_ATTEMPTS`: too many failed attempts; retry after `Retry-After` seconds (even the right password is refused until then) */
                429: {
                    headers: {
                        "Cache-Control": "no-store";
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TooManyAttemptsError"];
                    };
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
                /** @description `STORE_UNAVAILABLE`: the user store is unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        "Cache-Control": "no-store";
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ServiceUnavailableError"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/passkeys/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in with a passkey: the same answer and cookies as POST /login
         * @description No second factor follows: a passkey with user verification is multi-factor by itself. The session's `amr` is `["hwk","user"]` for a device-bound passkey and `["swk","user"]` for a synced one. A signature counter that goes back (a cloned authenticator) is refused and logged.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PasskeyLoginRequest"];
                };
            };
            responses: {
                /** @description Signed in */
                200: {
                    headers: {
                        "Cache-Control": "no-store";
                        /** @description Two cookies: `auth_token=<JWT>; Max-Age=…; Path=/; HttpOnly; Secure; SameSite=Lax` and `refresh_token=<refresh credential>; Max-Age=…; Path=/refresh; HttpOnly; Secure; SameSite=Strict` (Secure unless COOKIE_SECURE=false) */
                        "Set-Cookie": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LoginResponse"];
                    };
                };
                /** @description `VALIDATION_FAILED`: a field is invalid (`field` names it); `MALFORMED_JSON`: the body is not well-formed JSON; `REQUEST_ABORTED`: the client stopped sending the body; `BAD_CONTENT_LENGTH`: the body is not as long as Content-Length says; `UNREADABLE_BODY`: the body could not be decoded: a corrupt or truncated gzip, deflate or br body */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BadRequestError"];
                    };
                };
                /** @description `PASSKEY_REFUSED`: the passkey sign-in failed: an unknown, used or expired challenge, an unknown passkey, a bad signature, or a signature counter that went back (a cloned authenticator) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnauthorizedError"];
                    };
                };
                /** @description `CSRF_REFUSED`: refused by the CSRF check: an Origin (or `Sec-Fetch-Site: cross-site`) that is neither this service nor one of ALLOWED_ORIGINS, or a session cookie without `Content-Type: application/json`; the message says what to send instead; `ACCOUNT_DISABLED`: the account is disabled by an operator; answered only after the right password (or passkey), so it reveals nothing to a guesser */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ForbiddenError"];
                    };
                };
                /** @description `PASSKEYS_UNAVAILABLE`: passkeys are off: PUBLIC_URL is an IP address and WEBAUTHN_RP_ID is unset */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotFoundError"];
                    };
                };
                /** @description `BODY_TOO_LARGE`: the body is larger than 16 kB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayloadTooLargeError"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: the body is not JSON; `UNSUPPORTED_ENCODING`: the body has a Content-Encoding the service does not read; `UNSUPPORTED_CHARSET`: the body has a charset other than UTF-8 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnsupportedMediaTypeError"];
                    };
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
                /** @description `STORE_UNAVAILABLE`: the user store is unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ServiceUnavailableError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/passkeys/login/options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a passkey sign-in: options for navigator.credentials.get() with no allowed list (no username is typed)
         * @description The challenge is single-use and expires after 5 minutes. The page also uses it for autofill (conditional mediation).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The request options */
                200: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PasskeyAuthenticationOptions"];
                    };
                };
                /** @description `VALIDATION_FAILED`: a field is invalid (`field` names it); `MALFORMED_JSON`: the body is not well-formed JSON; `REQUEST_ABORTED`: the client stopped sending the body; `BAD_CONTENT_LENGTH`: the body is not as long as Content-Length says; `UNREADABLE_BODY`: the body could not be decoded: a corrupt or truncated gzip, deflate or br body */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BadRequestError"];
                    };
                };
                /** @description `CSRF_REFUSED`: refused by the CSRF check: an Origin (or `Sec-Fetch-Site: cross-site`) that is neither this service nor one of ALLOWED_ORIGINS, or a session cookie without `Content-Type: application/json`; the message says what to send instead */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ForbiddenError"];
                    };
                };
                /** @description `PASSKEYS_UNAVAILABLE`: passkeys are off: PUBLIC_URL is an IP address and WEBAUTHN_RP_ID is unset */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotFoundError"];
                    };
                };
                /** @description `BODY_TOO_LARGE`: the body is larger than 16 kB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayloadTooLargeError"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: the body is not JSON; `UNSUPPORTED_ENCODING`: the body has a Content-Encoding the service does not read; `UNSUPPORTED_CHARSET`: the body has a charset other than UTF-8 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnsupportedMediaTypeError"];
                    };
                };
                /** @description `TOO_MANY_ATTEMPTS`: too many failed attempts; retry after `Retry-After` seconds (even the right password is refused until then) */
                429: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TooManyAttemptsError"];
                    };
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
                /** @description `STORE_UNAVAILABLE`: the user store is unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ServiceUnavailableError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/passkeys/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Finish adding a passkey: the credential the authenticator made, and an optional name
         * @description The origin and RP ID must be the configured ones (WEBAUTHN_ORIGINS, WEBAUTHN_RP_ID) and the user must have been verified.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RegisterPasskeyRequest"];
                };
            };
            responses: {
                /** @description Added */
                201: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PasskeyAddedResponse"];
                    };
                };
                /** @description `VALIDATION_FAILED`: a field is invalid (`field` names it); `MALFORMED_JSON`: the body is not well-formed JSON; `REQUEST_ABORTED`: the client stopped sending the body; `BAD_CONTENT_LENGTH`: the body is not as long as Content-Length says; `UNREADABLE_BODY`: the body could not be decoded: a corrupt or truncated gzip, deflate or br body; `PASSKEY_NOT_REGISTERED`: the new passkey was refused: an unknown, used or expired challenge, a response that does not verify (origin, RP ID, user verification), or a passkey already added */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BadRequestError"];
                    };
                };
                /** @description `UNAUTHENTICATED`: no live session: the token or credential is missing, invalid, expired or revoked */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnauthorizedError"];
                    };
                };
                /** @description `CSRF_REFUSED`: refused by the CSRF check: an Origin (or `Sec-Fetch-Site: cross-site`) that is neither this service nor one of ALLOWED_ORIGINS, or a session cookie without `Content-Type: application/json`; the message says what to send instead */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ForbiddenError"];
                    };
                };
                /** @description `PASSKEYS_UNAVAILABLE`: passkeys are off: PUBLIC_URL is an IP address and WEBAUTHN_RP_ID is unset */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotFoundError"];
                    };
                };
                /** @description `BODY_TOO_LARGE`: the body is larger than 16 kB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayloadTooLargeError"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: the body is not JSON; `UNSUPPORTED_ENCODING`: the body has a Content-Encoding the service does not read; `UNSUPPORTED_CHARSET`: the body has a charset other than UTF-8 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnsupportedMediaTypeError"];
                    };
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
                /** @description `STORE_UNAVAILABLE`: the user store is unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ServiceUnavailableError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/passkeys/register/options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start adding a passkey: options for navigator.credentials.create() (a discoverable credential with user verification)
         * @description The challenge is single-use and expires after 5 minutes. Passkeys the user already has are excluded.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The creation options */
                200: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PasskeyRegistrationOptions"];
                    };
                };
                /** @description `VALIDATION_FAILED`: a field is invalid (`field` names it); `MALFORMED_JSON`: the body is not well-formed JSON; `REQUEST_ABORTED`: the client stopped sending the body; `BAD_CONTENT_LENGTH`: the body is not as long as Content-Length says; `UNREADABLE_BODY`: the body could not be decoded: a corrupt or truncated gzip, deflate or br body */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BadRequestError"];
                    };
                };
                /** @description `UNAUTHENTICATED`: no live session: the token or credential is missing, invalid, expired or revoked */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnauthorizedError"];
                    };
                };
                /** @description `CSRF_REFUSED`: refused by the CSRF check: an Origin (or `Sec-Fetch-Site: cross-site`) that is neither this service nor one of ALLOWED_ORIGINS, or a session cookie without `Content-Type: application/json`; the message says what to send instead */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ForbiddenError"];
                    };
                };
                /** @description `PASSKEYS_UNAVAILABLE`: passkeys are off: PUBLIC_URL is an IP address and WEBAUTHN_RP_ID is unset */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotFoundError"];
                    };
                };
                /** @description `BODY_TOO_LARGE`: the body is larger than 16 kB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayloadTooLargeError"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: the body is not JSON; `UNSUPPORTED_ENCODING`: the body has a Content-Encoding the service does not read; `UNSUPPORTED_CHARSET`: the body has a charset other than UTF-8 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnsupportedMediaTypeError"];
                    };
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
                /** @description `STORE_UNAVAILABLE`: the user store is unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ServiceUnavailableError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change the password: keeps the current session and revokes every other one */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ChangePasswordRequest"];
                };
            };
            responses: {
                /** @description Changed */
                200: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PasswordChangedResponse"];
                    };
                };
                /** @description `VALIDATION_FAILED`: a field is invalid (`field` names it); `MALFORMED_JSON`: the body is not well-formed JSON; `REQUEST_ABORTED`: the client stopped sending the body; `BAD_CONTENT_LENGTH`: the body is not as long as Content-Length says; `UNREADABLE_BODY`: the body could not be decoded: a corrupt or truncated gzip, deflate or br body */
                400: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BadRequestError"];
                    };
                };
                /** @description `UNAUTHENTICATED`: no live session: the token or credential is missing, invalid, expired or revoked */
                401: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnauthorizedError"];
                    };
                };
                /** @description `CSRF_REFUSED`: refused by the CSRF check: an Origin (or `Sec-Fetch-Site: cross-site`) that is neither this service nor one of ALLOWED_ORIGINS, or a session cookie without `Content-Type: application/json`; the message says what to send instead; `WRONG_PASSWORD`: the current password is wrong; `SECOND_FACTOR_REQUIRED`: two-step verification is on, and the request has no `code` or `recoveryCode` (the password was right); `WRONG_SECOND_FACTOR`: the code or recovery code is wrong or was used already (the password was right) */
                403: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ForbiddenError"];
                    };
                };
                /** @description `CONFLICT`: the account changed meanwhile (a concurrent password change or deletion); retry */
                409: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ConflictError"];
                    };
                };
                /** @description `BODY_TOO_LARGE`: the body is larger than 16 kB */
                413: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayloadTooLargeError"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: the body is not JSON; `UNSUPPORTED_ENCODING`: the body has a Content-Encoding the service does not read; `UNSUPPORTED_CHARSET`: the body has a charset other than UTF-8 */
                415: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnsupportedMediaTypeError"];
                    };
                };
                /** @description `TOO_MANY_ATTEMPTS`: too many failed attempts; retry after `Retry-After` seconds (even the right password is refused until then) */
                429: {
                    headers: {
                        "Cache-Control": "no-store";
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TooManyAttemptsError"];
                    };
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
                /** @description `STORE_UNAVAILABLE`: the user store is unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        "Cache-Control": "no-store";
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ServiceUnavailableError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/password/forgot": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask for a password-reset link (by username or email): always 202 with the same body, whether or not a mail was sent */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ForgotPasswordRequest"];
                };
            };
            responses: {
                /** @description Accepted; a link was mailed if the account has a verified address */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ForgotPasswordResponse"];
                    };
                };
                /** @description `VALIDATION_FAILED`: a field is invalid (`field` names it); `MALFORMED_JSON`: the body is not well-formed JSON; `REQUEST_ABORTED`: the client stopped sending the body; `BAD_CONTENT_LENGTH`: the body is not as long as Content-Length says; `UNREADABLE_BODY`: the body could not be decoded: a corrupt or truncated gzip, deflate or br body */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BadRequestError"];
                    };
                };
                /** @description `CSRF_REFUSED`: refused by the CSRF check: an Origin (or `Sec-Fetch-Site: cross-site`) that is neither this service nor one of ALLOWED_ORIGINS, or a session cookie without `Content-Type: application/json`; the message says what to send instead */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ForbiddenError"];
                    };
                };
                /** @description `BODY_TOO_LARGE`: the body is larger than 16 kB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayloadTooLargeError"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: the body is not JSON; `UNSUPPORTED_ENCODING`: the body has a Content-Encoding the service does not read; `UNSUPPORTED_CHARSET`: the body has a charset other than UTF-8 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnsupportedMediaTypeError"];
                    };
                };
                /** @description `TOO_MANY_ATTEMPTS`: too many failed attempts; retry after `Retry-After` seconds (even the right password is refused until then) */
                429: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TooManyAttemptsError"];
                    };
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
                /** @description `STORE_UNAVAILABLE`: the user store is unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ServiceUnavailableError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/password/reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a new password with a reset link's token: every session is signed out and the token is used up */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ResetPasswordRequest"];
                };
            };
            responses: {
                /** @description Reset */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PasswordResetResponse"];
                    };
                };
                /** @description `VALIDATION_FAILED`: a field is invalid (`field` names it); `MALFORMED_JSON`: the body is not well-formed JSON; `REQUEST_ABORTED`: the client stopped sending the body; `BAD_CONTENT_LENGTH`: the body is not as long as Content-Length says; `UNREADABLE_BODY`: the body could not be decoded: a corrupt or truncated gzip, deflate or br body; `INVALID_TOKEN`: the mailed token is unknown, already used, replaced by a newer one, or expired */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BadRequestError"];
                    };
                };
                /** @description `CSRF_REFUSED`: refused by the CSRF check: an Origin (or `Sec-Fetch-Site: cross-site`) that is neither this service nor one of ALLOWED_ORIGINS, or a session cookie without `Content-Type: application/json`; the message says what to send instead */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ForbiddenError"];
                    };
                };
                /** @description `BODY_TOO_LARGE`: the body is larger than 16 kB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayloadTooLargeError"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: the body is not JSON; `UNSUPPORTED_ENCODING`: the body has a Content-Encoding the service does not read; `UNSUPPORTED_CHARSET`: the body has a charset other than UTF-8 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnsupportedMediaTypeError"];
                    };
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
                /** @description `STORE_UNAVAILABLE`: the user store is unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ServiceUnavailableError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchange a refresh credential for a new access token and a new refresh credential
         * @description Each refresh credential works once. Presenting one that was already used revokes its whole session (`REFRESH_TOKEN_REUSED`): a copy of it is in someone else's hands.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["RefreshRequest"];
                };
            };
            responses: {
                /** @description Refreshed: new cookies, and the same credentials in the body */
                200: {
                    headers: {
                        "Cache-Control": "no-store";
                        /** @description Two cookies: `auth_token=<JWT>; Max-Age=…; Path=/; HttpOnly; Secure; SameSite=Lax` and `refresh_token=<refresh credential>; Max-Age=…; Path=/refresh; HttpOnly; Secure; SameSite=Strict` (Secure unless COOKIE_SECURE=false) */
                        "Set-Cookie": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RefreshResponse"];
                    };
                };
                /** @description `VALIDATION_FAILED`: a field is invalid (`field` names it); `MALFORMED_JSON`: the body is not well-formed JSON; `REQUEST_ABORTED`: the client stopped sending the body; `BAD_CONTENT_LENGTH`: the body is not as long as Content-Length says; `UNREADABLE_BODY`: the body could not be decoded: a corrupt or truncated gzip, deflate or br body */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BadRequestError"];
                    };
                };
                /** @description `UNAUTHENTICATED`: no live session: the token or credential is missing, invalid, expired or revoked; `REFRESH_TOKEN_REUSED`: the refresh credential was already used, so its session has just been revoked; the cookies are cleared */
                401: {
                    headers: {
                        /** @description Clears both cookies: `auth_token=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; …` and `refresh_token=; Path=/refresh; Expires=…` */
                        "Set-Cookie": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RefreshRefusedError"];
                    };
                };
                /** @description `CSRF_REFUSED`: refused by the CSRF check: an Origin (or `Sec-Fetch-Site: cross-site`) that is neither this service nor one of ALLOWED_ORIGINS, or a session cookie without `Content-Type: application/json`; the message says what to send instead */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ForbiddenError"];
                    };
                };
                /** @description `BODY_TOO_LARGE`: the body is larger than 16 kB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayloadTooLargeError"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: the body is not JSON; `UNSUPPORTED_ENCODING`: the body has a Content-Encoding the service does not read; `UNSUPPORTED_CHARSET`: the body has a charset other than UTF-8 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnsupportedMediaTypeError"];
                    };
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
                /** @description `STORE_UNAVAILABLE`: the user store is unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ServiceUnavailableError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an account */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RegisterRequest"];
                };
            };
            responses: {
                /** @description Registered */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RegisterResponse"];
                    };
                };
                /** @description `VALIDATION_FAILED`: a field is invalid (`field` names it); `MALFORMED_JSON`: the body is not well-formed JSON; `REQUEST_ABORTED`: the client stopped sending the body; `BAD_CONTENT_LENGTH`: the body is not as long as Content-Length says; `UNREADABLE_BODY`: the body could not be decoded: a corrupt or truncated gzip, deflate or br body */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BadRequestError"];
                    };
                };
                /** @description `CSRF_REFUSED`: refused by the CSRF check: an Origin (or `Sec-Fetch-Site: cross-site`) that is neither this service nor one of ALLOWED_ORIGINS, or a session cookie without `Content-Type: application/json`; the message says what to send instead */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ForbiddenError"];
                    };
                };
                /** @description `USER_EXISTS`: the username is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ConflictError"];
                    };
                };
                /** @description `BODY_TOO_LARGE`: the body is larger than 16 kB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayloadTooLargeError"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: the body is not JSON; `UNSUPPORTED_ENCODING`: the body has a Content-Encoding the service does not read; `UNSUPPORTED_CHARSET`: the body has a charset other than UTF-8 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnsupportedMediaTypeError"];
                    };
                };
                /** @description `TOO_MANY_ATTEMPTS`: too many failed attempts; retry after `Retry-After` seconds (even the right password is refused until then) */
                429: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TooManyAttemptsError"];
                    };
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
                /** @description `STORE_UNAVAILABLE`: the user store is unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ServiceUnavailableError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user's live sessions */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Live sessions, most recently used first; `current` marks the caller's */
                200: {
                    headers: {
                        "Cache-Control": "no-store";
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SessionsResponse"];
                    };
                };
                /** @description `VALIDATION_FAILED`: a field is invalid (`field` names it); `MALFORMED_JSON`: the body is not well-formed JSON; `REQUEST_ABORTED`: the client stopped sending the body; `BAD_CONTENT_LENGTH`: the body is not as long as Content-Length says; `UNREADABLE_BODY`: the body could not be decoded: a corrupt or truncated gzip, deflate or br body */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BadRequestError"];
                    };
                };
                /** @description `UNAUTHENTICATED`: no live session: the token or credential is missing, invalid, expired or revoked */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnauthorizedError"];
                    };
                };
                /** @description `BODY_TOO_LARGE`: the body is larger than 16 kB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayloadTooLargeError"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: the body is not JSON; `UNSUPPORTED_ENCODING`: the body has a Content-Encoding the service does not read; `UNSUPPORTED_CHARSET`: the body has a charset other than UTF-8 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnsupportedMediaTypeError"];
                    };
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
                /** @description `STORE_UNAVAILABLE`: the user store is unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ServiceUnavailableError"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke one of the signed-in user's sessions (revoking the current one also clears its cookies) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A session id from GET /sessions */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Revoked: its tokens stop working at once */
                200: {
                    headers: {
                        "Cache-Control": "no-store";
                        /** @description Clears both cookies: `auth_token=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; …` and `refresh_token=; Path=/refresh; Expires=…` */
                        "Set-Cookie"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SessionRevokedResponse"];
                    };
                };
                /** @description `VALIDATION_FAILED`: a field is invalid (`field` names it); `MALFORMED_JSON`: the body is not well-formed JSON; `REQUEST_ABORTED`: the client stopped sending the body; `BAD_CONTENT_LENGTH`: the body is not as long as Content-Length says; `UNREADABLE_BODY`: the body could not be decoded: a corrupt or truncated gzip, deflate or br body */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BadRequestError"];
                    };
                };
                /** @description `UNAUTHENTICATED`: no live session: the token or credential is missing, invalid, expired or revoked */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnauthorizedError"];
                    };
                };
                /** @description `CSRF_REFUSED`: refused by the CSRF check: an Origin (or `Sec-Fetch-Site: cross-site`) that is neither this service nor one of ALLOWED_ORIGINS, or a session cookie without `Content-Type: application/json`; the message says what to send instead */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ForbiddenError"];
                    };
                };
                /** @description `NOT_FOUND`: not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotFoundError"];
                    };
                };
                /** @description `BODY_TOO_LARGE`: the body is larger than 16 kB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayloadTooLargeError"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: the body is not JSON; `UNSUPPORTED_ENCODING`: the body has a Content-Encoding the service does not read; `UNSUPPORTED_CHARSET`: the body has a charset other than UTF-8 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnsupportedMediaTypeError"];
                    };
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
                /** @description `STORE_UNAVAILABLE`: the user store is unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ServiceUnavailableError"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check a token (from the body, a Bearer header or the cookie) and that its session is live */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["VerifyRequest"];
                };
            };
            responses: {
                /** @description The token is valid */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["VerifiedResponse"];
                    };
                };
                /** @description `VALIDATION_FAILED`: a field is invalid (`field` names it); `MALFORMED_JSON`: the body is not well-formed JSON; `REQUEST_ABORTED`: the client stopped sending the body; `BAD_CONTENT_LENGTH`: the body is not as long as Content-Length says; `UNREADABLE_BODY`: the body could not be decoded: a corrupt or truncated gzip, deflate or br body */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BadRequestError"];
                    };
                };
                /** @description `UNAUTHENTICATED`: no live session: the token or credential is missing, invalid, expired or revoked, or not the named user's */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotVerifiedResponse"];
                    };
                };
                /** @description `CSRF_REFUSED`: refused by the CSRF check: an Origin (or `Sec-Fetch-Site: cross-site`) that is neither this service nor one of ALLOWED_ORIGINS, or a session cookie without `Content-Type: application/json`; the message says what to send instead */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ForbiddenError"];
                    };
                };
                /** @description `BODY_TOO_LARGE`: the body is larger than 16 kB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayloadTooLargeError"];
                    };
                };
                /** @description `UNSUPPORTED_MEDIA_TYPE`: the body is not JSON; `UNSUPPORTED_ENCODING`: the body has a Content-Encoding the service does not read; `UNSUPPORTED_CHARSET`: the body has a charset other than UTF-8 */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnsupportedMediaTypeError"];
                    };
                };
                /** @description `INTERNAL`: unexpected server error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InternalError"];
                    };
                };
                /** @description `STORE_UNAVAILABLE`: the user store is unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ServiceUnavailableError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AccountDeletedResponse: {
            /** @enum {string} */
            message: "Account deleted";
        };
        AdminDone: {
            message: string;
        };
        AdminSessions: {
            sessions: components["schemas"]["Session"][];
        };
        AdminSignedOut: {
            /** @description How many live sessions were ended */
            revoked: number;
        };
        AdminUser: {
            /**
             * Format: date-time
             * @description When the account was registered
             */
            createdAt: string;
            /** @description True when an operator has disabled it: it cannot sign in */
            disabled: boolean;
            name: string;
            username: string;
        };
        AdminUserDetails: {
            /**
             * Format: date-time
             * @description When the account was registered
             */
            createdAt: string;
            /** @description True when an operator has disabled it: it cannot sign in */
            disabled: boolean;
            name: string;
            /** @description How many live sessions it has */
            sessions: number;
            username: string;
        };
        AdminUserPage: {
            /** @description Pass as `after` for the next page; null on the last page */
            next: string | null;
            /** @description In username-key order; a page may hold fewer than `limit` */
            users: components["schemas"]["AdminUser"][];
        };
        BadRequestError: {
            /**
             * @description A stable machine-readable code
             * @enum {string}
             */
            code: "VALIDATION_FAILED" | "MALFORMED_JSON" | "REQUEST_ABORTED" | "BAD_CONTENT_LENGTH" | "UNREADABLE_BODY" | "INVALID_TOKEN" | "PASSKEY_NOT_REGISTERED" | "TOTP_NOT_CONFIRMED";
            /** @description The request field that failed validation */
            field?: string;
            /** @description A human-readable explanation, safe to show to the user */
            message: string;
        };
        ChangeEmailRequest: {
            /** @description A code from the authenticator app: required (or `recoveryCode`) when two-step verification is on */
            code?: string;
            /** Format: email */
            email: string;
            /** @description The account's password, as a fresh proof */
            password: string;
            /** @description Instead of `code`: one recovery code (used up) */
            recoveryCode?: string;
        };
        ChangePasswordRequest: {
            /** @description A code from the authenticator app: required (or `recoveryCode`) when two-step verification is on */
            code?: string;
            currentPassword: string;
            newPassword: string;
            /** @description Instead of `code`: one recovery code (used up) */
            recoveryCode?: string;
        };
        ConfirmTotpRequest: {
            /** @description The 6-digit code the authenticator app shows now */
            code: string;
        };
        ConflictError: {
            /**
             * @description A stable machine-readable code
             * @enum {string}
             */
            code: "USER_EXISTS" | "EMAIL_TAKEN" | "NOTHING_TO_VERIFY" | "CONFLICT" | "TOTP_NOT_ENABLED";
            /** @description A human-readable explanation, safe to show to the user */
            message: string;
        };
        DeleteAccountRequest: {
            /** @description A code from the authenticator app: required (or `recoveryCode`) when two-step verification is on */
            code?: string;
            /** @description The account's password, as a fresh proof */
            password: string;
            /** @description Instead of `code`: one recovery code (used up) */
            recoveryCode?: string;
        };
        DisableTotpRequest: {
            /** @description A code from the authenticator app: required (or `recoveryCode`) when two-step verification is on */
            code?: string;
            /** @description The account's password, as a fresh proof */
            password: string;
            /** @description Instead of `code`: one recovery code (used up) */
            recoveryCode?: string;
        };
        EmailUnchangedResponse: {
            email: string;
            /** @enum {string} */
            message: "This is already the verified address";
        };
        EmailVerifiedResponse: {
            /** @description The verified address */
            email: string;
            /** @enum {string} */
            message: "Email address verified";
        };
        ForbiddenError: {
            /**
             * @description A stable machine-readable code
             * @enum {string}
             */
            code: "CSRF_REFUSED" | "WRONG_PASSWORD" | "SECOND_FACTOR_REQUIRED" | "WRONG_SECOND_FACTOR" | "ACCOUNT_DISABLED";
            /** @description A human-readable explanation, safe to show to the user */
            message: string;
        };
        ForgotPasswordRequest: {
            /**
             * Format: email
             * @description The account's verified address, instead of `username`
             */
            email?: string;
            /** @description The username; or give `email` instead */
            username?: string;
        };
        ForgotPasswordResponse: {
            /** @enum {string} */
            message: "If the account has a verified email address, a reset link has been sent to it";
        };
        HealthResponse: {
            /** @enum {string} */
            status: "ok";
        };
        InternalError: {
            /**
             * @description A stable machine-readable code
             * @enum {string}
             */
            code: "INTERNAL";
            /** @description A human-readable explanation, safe to show to the user */
            message: string;
        };
        JwkSet: {
            /** @description Empty when tokens are signed with HS256 alone */
            keys: components["schemas"]["PublicJwk"][];
        };
        LoginRequest: {
            /**
             * Format: email
             * @description The account's verified address, instead of `username` (usernames may contain @, so the two are separate fields)
             */
            email?: string;
            password: string;
            /** @description The username; or give `email` instead */
            username?: string;
        };
        LoginResponse: {
            /** @enum {string} */
            message: "User logged in successfully";
            response: {
                /** @description When the token expires, in epoch seconds */
                expiresAt: number;
                name: string;
                /** @description When the session ends unless refreshed, in epoch seconds */
                refreshExpiresAt: number;
                /** @description Single-use refresh credential for POST /refresh; also set as the HttpOnly refresh cookie (Path=/refresh) */
                refreshToken: string;
                /** @description The access token (JWT); also set as the HttpOnly auth cookie */
                token: string;
                /** @description The spelling the user registered with */
                username: string;
            };
        };
        LogoutAllResponse: {
            /** @enum {string} */
            message: "Logged out of every session";
            /** @description How many sessions were revoked, the current one included */
            revoked: number;
        };
        LogoutRequest: {
            /** @description The access token (JWT). Optional: the Authorization Bearer header or the auth cookie also carry it. */
            token?: string;
        };
        LogoutResponse: {
            /** @enum {string} */
            message: "Logged out successfully";
        };
        MeResponse: {
            response: {
                /**
                 * Format: date-time
                 * @description When the account was created
                 */
                createdAt: string;
                /** @description The verified address, else the unverified one given last; null when none was given */
                email: string | null;
                /** @description Whether `email` is verified */
                emailVerified: boolean;
                name: string;
                /** @description An address waiting to be verified while `email` (verified) stays in force; else null */
                pendingEmail: string | null;
                /** @description The spelling the user registered with */
                username: string;
            };
        };
        MethodNotAllowedError: {
            /**
             * @description A stable machine-readable code
             * @enum {string}
             */
            code: "METHOD_NOT_ALLOWED";
            /** @description A human-readable explanation, safe to show to the user */
            message: string;
        };
        MfaLoginRequest: {
            /** @description A code from the authenticator app (or send `recoveryCode`) */
            code?: string;
            /** @description The mfaToken from POST /login (5 minutes, single-use, 5 tries) */
            mfaToken: string;
            /** @description One of the recovery codes (case, spaces and dashes do not matter); each works once */
            recoveryCode?: string;
        };
        /** @description The password was right and the account has two-step verification: no session yet */
        MfaRequiredResponse: {
            /** @description When the mfaToken expires, in epoch seconds */
            expiresAt: number;
            /** @description What POST /login/mfa accepts: `totp` (`code`), `recovery_code` (`recoveryCode`) */
            methods: ("totp" | "recovery_code")[];
            /** @enum {boolean} */
            mfaRequired: true;
            /** @description For POST /login/mfa: valid for 5 minutes, once, with 5 tries */
            mfaToken: string;
        };
        MfaStatusResponse: {
            totp: {
                enabled: boolean;
                /** @description Unused recovery codes; 0 when TOTP is off */
                recoveryCodesLeft: number;
            };
        };
        NotFoundError: {
            /**
             * @description A stable machine-readable code
             * @enum {string}
             */
            code: "NOT_FOUND" | "PASSKEYS_UNAVAILABLE";
            /** @description A human-readable explanation, safe to show to the user */
            message: string;
        };
        NotVerifiedResponse: {
            /** @enum {string} */
            code: "UNAUTHENTICATED";
            message: string;
            /** @enum {boolean} */
            verified: false;
        };
        OpenApiDocument: {
            info: {
                [key: string]: unknown;
            };
            openapi: string;
            paths: {
                [key: string]: unknown;
            };
        } & {
            [key: string]: unknown;
        };
        PageConfig: {
            /** @description The logo to show beside the name (BRAND_LOGO_URL), or null */
            logoUrl: string | null;
            /** @description The app name (BRAND_NAME) */
            name: string;
            /** @description Origins that `?redirect_to=` may send the browser back to after sign-in (ALLOWED_ORIGINS), besides the service itself */
            redirectOrigins: string[];
        };
        Passkey: {
            /** @description The authenticator says it is backed up now */
            backedUp: boolean;
            /** Format: date-time */
            createdAt: string;
            /** @description The passkey id, for DELETE /passkeys/{id} */
            id: string;
            /**
             * Format: date-time
             * @description The last sign-in with it; null when never used
             */
            lastUsedAt: string | null;
            name: string;
            /** @description A synced (multi-device) passkey; false when bound to one device */
            synced: boolean;
        };
        PasskeyAddedResponse: {
            /** @enum {string} */
            message: "Passkey added";
            passkey: components["schemas"]["Passkey"];
        };
        /** @description The assertion navigator.credentials.get() made, as JSON (PublicKeyCredential.toJSON()) */
        PasskeyAuthenticationCredential: {
            /** @enum {string} */
            authenticatorAttachment?: "platform" | "cross-platform";
            /** @description The client extension results */
            clientExtensionResults: {
                [key: string]: unknown;
            };
            id: string;
            rawId: string;
            response: {
                authenticatorData: string;
                clientDataJSON: string;
                signature: string;
                userHandle?: string;
            };
            /** @enum {string} */
            type: "public-key";
        };
        /** @description PublicKeyCredentialRequestOptionsJSON, for navigator.credentials.get() */
        PasskeyAuthenticationOptions: {
            allowCredentials?: {
                id: string;
                transports?: ("ble" | "cable" | "hybrid" | "internal" | "nfc" | "smart-card" | "usb")[];
                /** @enum {string} */
                type: "public-key";
            }[];
            /** @description Single-use; expires with `timeout` */
            challenge: string;
            extensions?: {
                [key: string]: unknown;
            };
            hints?: string[];
            rpId?: string;
            timeout?: number;
            userVerification?: string;
        };
        PasskeyLoginRequest: {
            credential: components["schemas"]["PasskeyAuthenticationCredential"];
        };
        /** @description The credential navigator.credentials.create() made, as JSON (PublicKeyCredential.toJSON()) */
        PasskeyRegistrationCredential: {
            /** @enum {string} */
            authenticatorAttachment?: "platform" | "cross-platform";
            /** @description The client extension results */
            clientExtensionResults: {
                [key: string]: unknown;
            };
            id: string;
            rawId: string;
            response: {
                attestationObject: string;
                authenticatorData?: string;
                clientDataJSON: string;
                publicKey?: string;
                publicKeyAlgorithm?: number;
                transports?: ("ble" | "cable" | "hybrid" | "internal" | "nfc" | "smart-card" | "usb")[];
            };
            /** @enum {string} */
            type: "public-key";
        };
        /** @description PublicKeyCredentialCreationOptionsJSON, for navigator.credentials.create() */
        PasskeyRegistrationOptions: {
            attestation?: string;
            attestationFormats?: string[];
            authenticatorSelection?: {
                [key: string]: unknown;
            };
            /** @description Single-use; expires with `timeout` */
            challenge: string;
            excludeCredentials?: {
                id: string;
                transports?: ("ble" | "cable" | "hybrid" | "internal" | "nfc" | "smart-card" | "usb")[];
                /** @enum {string} */
                type: "public-key";
            }[];
            extensions?: {
                [key: string]: unknown;
            };
            hints?: string[];
            pubKeyCredParams: {
                alg: number;
                /** @enum {string} */
                type: "public-key";
            }[];
            rp: {
                id?: string;
                name: string;
            };
            timeout?: number;
            user: {
                displayName: string;
                id: string;
                name: string;
            };
        };
        PasskeyRemovedResponse: {
            /** @enum {string} */
            message: "Passkey removed";
        };
        PasskeysResponse: {
            passkeys: components["schemas"]["Passkey"][];
        };
        PasswordChangedResponse: {
            /** @enum {string} */
            message: "Password changed; every other session was signed out";
        };
        PasswordResetResponse: {
            /** @enum {string} */
            message: "Password reset; every session was signed out";
        };
        PayloadTooLargeError: {
            /**
             * @description A stable machine-readable code
             * @enum {string}
             */
            code: "BODY_TOO_LARGE";
            /** @description A human-readable explanation, safe to show to the user */
            message: string;
        };
        Profile: {
            name: string;
            /** @description The spelling the user registered with */
            username: string;
        };
        PublicJwk: {
            /** @enum {string} */
            alg: "ES256";
            /** @enum {string} */
            crv: "P-256";
            /** @description Matches the `kid` header of the tokens this key signed */
            kid: string;
            /** @enum {string} */
            kty: "EC";
            /** @enum {string} */
            use: "sig";
            /** @description base64url */
            x: string;
            /** @description base64url */
            y: string;
        };
        ReadyResponse: {
            /** @enum {string} */
            status: "ready";
            /**
             * @description The store answered one read
             * @enum {string}
             */
            store: "ok";
        };
        RecoveryCodesResponse: {
            message: string;
            /** @description 10 recovery codes, shown this once (only their hashes are kept); each works once */
            recoveryCodes: string[];
        };
        RefreshRefusedError: {
            /**
             * @description A stable machine-readable code
             * @enum {string}
             */
            code: "UNAUTHENTICATED" | "REFRESH_TOKEN_REUSED";
            /** @description A human-readable explanation, safe to show to the user */
            message: string;
        };
        RefreshRequest: {
            /** @description The refresh credential from /login or the last /refresh. Optional: browsers send the refresh cookie instead. */
            refreshToken?: string;
        };
        RefreshResponse: {
            /** @enum {string} */
            message: "Session refreshed";
            response: {
                /** @description When the token expires, in epoch seconds */
                expiresAt: number;
                /** @description When the session ends unless refreshed again, in epoch seconds */
                refreshExpiresAt: number;
                /** @description The next single-use refresh credential (the presented one is now spent); also set as the refresh cookie */
                refreshToken: string;
                /** @description A new access token (JWT); also set as the HttpOnly auth cookie */
                token: string;
                username: string;
            };
        };
        RegisterPasskeyRequest: {
            credential: components["schemas"]["PasskeyRegistrationCredential"];
            /** @description What the user calls this passkey ("Passkey" when empty or absent) */
            name?: string;
        };
        RegisterRequest: {
            /**
             * Format: email
             * @description Optional. Stored unverified and sent a verification link; registering never says whether another account uses it
             */
            email?: string;
            name: string;
            password: string;
            /** @description 3-64 characters: letters, digits and . _ - @ +, of one script (or Latin with Chinese, Japanese or Korean); no invisible or look-alike compatibility characters */
            username: string;
        };
        RegisterResponse: {
            /** @enum {string} */
            message: "User registered successfully";
            response: components["schemas"]["Profile"];
        };
        RemovePasskeyRequest: {
            /** @description A code from the authenticator app: required (or `recoveryCode`) when two-step verification is on */
            code?: string;
            /** @description The account's password, as a fresh proof */
            password: string;
            /** @description Instead of `code`: one recovery code (used up) */
            recoveryCode?: string;
        };
        ReplaceRecoveryCodesRequest: {
            /** @description A code from the authenticator app: required (or `recoveryCode`) when two-step verification is on */
            code?: string;
            /** @description The account's password, as a fresh proof */
            password: string;
            /** @description Instead of `code`: one recovery code (used up) */
            recoveryCode?: string;
        };
        ResetPasswordRequest: {
            newPassword: string;
            /** @description The `token` query parameter of the mailed link */
            token: string;
        };
        SecurityEvent: {
            /**
             * Format: date-time
             * @description When it happened
             */
            at: string;
            /** @description A few facts of the event: `sessionId`, `method`, `scope`, `count`, `actor`, `action`; never a secret */
            details: {
                [key: string]: string | number | boolean;
            };
            /** @description The event id */
            id: string;
            /** @description The client IP, as the service saw it (see TRUST_PROXY) */
            ip: string | null;
            /** @description What happened: `register`, `login.success`, `login.failure`, `login.locked`, `logout`, `refresh.reused`, `password.changed`, `password.reset`, `password.confirm_failure`, `session.revoked`, `sessions.revoked_all`, `account.deleted`, `admin.action`, … (docs/operations.md lists them; new kinds may appear) */
            kind: string;
            /** @enum {string} */
            outcome: "success" | "failure" | "refused";
            /** @description The client's User-Agent (at most 512 characters) */
            userAgent: string | null;
        };
        SecurityEventsResponse: {
            /** @description Newest first; only unexpired events (see SECURITY_EVENT_RETENTION_DAYS) */
            events: components["schemas"]["SecurityEvent"][];
            /** @description Pass as `cursor` for the next, older page; absent on the last page */
            next?: string;
        };
        ServiceUnavailableError: {
            /**
             * @description A stable machine-readable code
             * @enum {string}
             */
            code: "STORE_UNAVAILABLE" | "MAIL_UNAVAILABLE";
            /** @description A human-readable explanation, safe to show to the user */
            message: string;
        };
        Session: {
            /** @description How the session was authenticated: RFC 8176 `amr` values (`pwd`: a password) */
            amr: string[];
            /**
             * Format: date-time
             * @description When the user signed in
             */
            createdAt: string;
            /** @description True for the session making this request */
            current: boolean;
            /**
             * Format: date-time
             * @description When the session ends unless refreshed (idle timeout, capped by the absolute lifetime)
             */
            expiresAt: string;
            /** @description The session id, for DELETE /sessions/{id} */
            id: string;
            /** @description The client address of the sign-in request */
            ip: string | null;
            /**
             * Format: date-time
             * @description When the session was last refreshed (or created)
             */
            lastUsedAt: string;
            /** @description The User-Agent header of the sign-in request */
            userAgent: string | null;
        };
        SessionRevokedResponse: {
            /** @enum {string} */
            message: "Session revoked";
        };
        SessionsResponse: {
            /** @description Live sessions, most recently used first */
            sessions: components["schemas"]["Session"][];
        };
        StartTotpRequest: {
            /** @description A code from the authenticator app: required (or `recoveryCode`) when two-step verification is on */
            code?: string;
            /** @description The account's password, as a fresh proof */
            password: string;
            /** @description Instead of `code`: one recovery code (used up) */
            recoveryCode?: string;
        };
        TooManyAttemptsError: {
            /**
             * @description A stable machine-readable code
             * @enum {string}
             */
            code: "TOO_MANY_ATTEMPTS";
            /** @description A human-readable explanation, safe to show to the user */
            message: string;
            /** @description The same as the Retry-After header */
            retryAfterSeconds: number;
        };
        TotpDisabledResponse: {
            /** @enum {string} */
            message: "Two-step verification is off";
        };
        TotpEnrolmentResponse: {
            /** @description Confirm with a code by then (epoch seconds; 10 minutes) */
            expiresAt: number;
            /** @description The otpauth:// URI (SHA1, 6 digits, 30 s) the QR code holds */
            otpauthUri: string;
            /** @description The URI as a QR code: an SVG document made by the server */
            qrSvg: string;
            /** @description The shared secret in base32, to type into an app by hand */
            secret: string;
        };
        UnauthorizedError: {
            /**
             * @description A stable machine-readable code
             * @enum {string}
             */
            code: "INVALID_CREDENTIALS" | "PASSKEY_REFUSED" | "MFA_TOKEN_INVALID" | "MFA_CODE_INVALID" | "UNAUTHENTICATED" | "ADMIN_UNAUTHENTICATED";
            /** @description A human-readable explanation, safe to show to the user */
            message: string;
        };
        UnsupportedMediaTypeError: {
            /**
             * @description A stable machine-readable code
             * @enum {string}
             */
            code: "UNSUPPORTED_MEDIA_TYPE" | "UNSUPPORTED_ENCODING" | "UNSUPPORTED_CHARSET";
            /** @description A human-readable explanation, safe to show to the user */
            message: string;
        };
        VerificationSentResponse: {
            /** @enum {string} */
            message: "Verification link sent";
            /** @description The address the link was sent to; until it is verified, the verified address (if any) stays in force */
            pendingEmail: string;
        };
        VerifiedResponse: {
            /** @description How the session was authenticated: RFC 8176 `amr` values (`pwd`: a password) */
            amr: string[];
            /** @enum {string} */
            message: "success";
            username: string;
            /** @enum {boolean} */
            verified: true;
        };
        VerifyEmailRequest: {
            /** @description The `token` query parameter of the mailed link */
            token: string;
        };
        VerifyRequest: {
            /** @description The access token (JWT). Optional: the Authorization Bearer header or the auth cookie also carry it. */
            token?: string;
            username?: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
