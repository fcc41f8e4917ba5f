// The names Auth.js gives the session cookie: the `__Secure-` one when the sign-in
// came over https. The proxy looks for either; the session check reads them in this
// order, and each name is also its token's salt.
export const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;
