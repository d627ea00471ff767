/**
 * The JSON shapes of the admin API (docs/admin-api.md), one record each: JSON-B maps each record
 * component to a key. The server sends them; the console and any other client read them back.
 */
package io.classcord.admin.api;
