-- API tokens for scripts (Authorization: Bearer chiso_…): created and revoked by their user on the
-- tokens page. Only the token's SHA-256 is stored; a token is 32 random bytes, so a fast digest is
-- as safe as bcrypt here and costs nothing per request. A revoked token keeps its row, for the record.
CREATE TABLE api_token (
    id           BIGSERIAL PRIMARY KEY,
    user_name    TEXT        NOT NULL,
    name         TEXT        NOT NULL,
    token_sha256 CHAR(64)    NOT NULL UNIQUE,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_used_at TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ
);

CREATE INDEX api_token_user ON api_token (user_name, id);
