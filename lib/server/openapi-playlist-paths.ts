import { playlistListQueryObject } from "@/lib/schemas/playlists";
import { ERRORS, parametersFrom, schemaRef } from "./openapi-paths";

// The playlist routes of the OpenAPI document: the playlists, their songs and their share links.

type JsonObject = Record<string, unknown>;

const errors = (...names: (keyof typeof ERRORS)[]): JsonObject => Object.fromEntries(names.map((n) => [ERRORS[n][0], { $ref: `#/components/responses/${n}` }]));
const json = (id: string, description: string) => ({ description, content: { "application/json": { schema: schemaRef(id) } } });
const body = (id: string) => ({ required: true, content: { "application/json": { schema: schemaRef(id) } } });
const idParam = { name: "id", in: "path", required: true, description: "The playlist id", schema: { type: "string" } };
const tags = ["playlists"];
const ownerOnly = "Only the playlist's owner may change it: a teammate's team playlist is 403, anything you cannot see 404.";

export function playlistPaths(): Record<string, JsonObject> {
  return {
    "/api/v1/playlists": {
      get: {
        operationId: "listPlaylists",
        tags,
        summary: "Playlists, most recently changed first: yours (scope=mine) or every member's team playlists (scope=team)",
        parameters: parametersFrom(playlistListQueryObject, "query"),
        responses: { "200": json("PlaylistPage", "A page of playlists"), ...errors("BadRequest", "Unauthorized") },
      },
      post: {
        operationId: "createPlaylist",
        tags,
        summary: "Make a playlist (name ≤ 100 characters, description ≤ 1000; at most 500 per member, else 409)",
        requestBody: body("PlaylistCreate"),
        responses: { "201": json("PlaylistEnvelope", "The playlist"), ...errors("BadRequest", "Unauthorized", "Forbidden", "Conflict", "TooLarge") },
      },
    },
    "/api/v1/playlists/{id}": {
      get: {
        operationId: "getPlaylist",
        tags,
        summary: "A playlist with its songs in order, as far as you may see them",
        description: "A private playlist is its owner's alone (404 for anyone else). A teammate's private or trashed song in it is left out of items.",
        parameters: [idParam],
        responses: { "200": json("PlaylistDetailEnvelope", "The playlist and its songs"), ...errors("Unauthorized", "NotFound") },
      },
      patch: {
        operationId: "updatePlaylist",
        tags,
        summary: "Rename a playlist, change its description or visibility",
        description: ownerOnly,
        parameters: [idParam],
        requestBody: body("PlaylistPatch"),
        responses: { "200": json("PlaylistEnvelope", "The playlist"), ...errors("BadRequest", "Unauthorized", "Forbidden", "NotFound", "TooLarge") },
      },
      delete: {
        operationId: "deletePlaylist",
        tags,
        summary: "Delete a playlist (its songs stay in the library); its share links answer 404 at once",
        description: ownerOnly,
        parameters: [idParam],
        responses: { "204": { description: "Done" }, ...errors("Unauthorized", "Forbidden", "NotFound") },
      },
    },
    "/api/v1/playlists/{id}/items": {
      post: {
        operationId: "addPlaylistItem",
        tags,
        summary: "Add a song you may see (at most 1000 per playlist); 409 when it is already there or the playlist is full",
        description: ownerOnly,
        parameters: [idParam],
        requestBody: body("PlaylistItemAdd"),
        responses: {
          "201": json("PlaylistDetailEnvelope", "The playlist and its songs"),
          ...errors("BadRequest", "Unauthorized", "Forbidden", "NotFound", "Conflict", "TooLarge"),
        },
      },
      put: {
        operationId: "reorderPlaylist",
        tags,
        summary: "Put the songs in a new order: clipIds must list every song you see in it exactly once",
        description: `${ownerOnly} Otherwise 400, with details.missing, details.unknown and details.duplicates naming the clip ids at fault.`,
        parameters: [idParam],
        requestBody: body("PlaylistReorder"),
        responses: { "200": json("PlaylistDetailEnvelope", "The playlist and its songs"), ...errors("BadRequest", "Unauthorized", "Forbidden", "NotFound", "TooLarge") },
      },
    },
    "/api/v1/playlists/{id}/items/{clipId}": {
      delete: {
        operationId: "removePlaylistItem",
        tags,
        summary: "Take a song out of a playlist (the song itself stays)",
        description: ownerOnly,
        parameters: [idParam, { name: "clipId", in: "path", required: true, description: "The clip id", schema: { type: "string" } }],
        responses: { "204": { description: "Done" }, ...errors("Unauthorized", "Forbidden", "NotFound") },
      },
    },
    "/api/v1/playlists/{id}/shares": {
      post: {
        operationId: "sharePlaylist",
        tags,
        summary: "Make a public link to one of your playlists (/s/<token>: a page that plays it in order, and an embeddable player)",
        description:
          "Anyone with the link can play the playlist's songs without signing in, until you revoke it, it expires, or the playlist is deleted. " +
          "It shows your own songs (private ones too: the link is your grant) and the team's, never trashed ones nor a teammate's private ones. " +
          "Each track's media is served by the token and its number only. Revoke with DELETE /api/v1/shares/{id}.",
        parameters: [idParam],
        requestBody: { required: false, content: { "application/json": { schema: schemaRef("ShareRequest") } } },
        responses: { "201": json("ShareEnvelope", "The share, with its link"), ...errors("BadRequest", "Unauthorized", "Forbidden", "NotFound", "TooLarge") },
      },
    },
  };
}
