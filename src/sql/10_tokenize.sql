-- Tokenizer: index terms, tokens, sentences, text search parser and
-- configurations.  All functions are immutable (they depend on the
-- arguments and the shipped word lists only), strict and parallel safe.

CREATE FUNCTION news.tokenize(body pg_catalog.text, config pg_catalog.text DEFAULT 'english')
RETURNS pg_catalog.text[]
AS 'MODULE_PATHNAME', 'news_tokenize'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION news.tokenize(pg_catalog.text, pg_catalog.text) IS
'index terms of a text in order: NFKC-normalized, case-folded, possessives and punctuation removed; with config ''english'' stopwords removed and words Snowball-stemmed; ''simple'' keeps every word unstemmed; any other Snowball language stems without stopwords';

CREATE FUNCTION news.tokens(body pg_catalog.text,
    OUT "position" pg_catalog.int4, OUT token pg_catalog.text, OUT kind pg_catalog.text,
    OUT start pg_catalog.int4, OUT length pg_catalog.int4, OUT sentence pg_catalog.int4)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'news_tokens'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 200;

COMMENT ON FUNCTION news.tokens(pg_catalog.text) IS
'every token of a text with its kind (word, number, abbreviation, url, email, hashtag, mention, date, punctuation, symbol), 1-based character start and length such that substr(body, start, length) = token, and its sentence number';

CREATE FUNCTION news.sentences(body pg_catalog.text,
    OUT sentence pg_catalog.int4, OUT start pg_catalog.int4, OUT length pg_catalog.int4,
    OUT text pg_catalog.text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'news_sentences'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 20;

COMMENT ON FUNCTION news.sentences(pg_catalog.text) IS
'sentences of a text with 1-based character start and length; aware of abbreviations, initials, decimals, ellipses, closing quotes, headings and hard-wrapped lines';

-- Text search parser over the same scanner
CREATE FUNCTION news.parser_start(pg_catalog.internal, pg_catalog.int4)
RETURNS pg_catalog.internal AS 'MODULE_PATHNAME', 'news_parser_start'
LANGUAGE C STRICT PARALLEL SAFE;
CREATE FUNCTION news.parser_gettoken(pg_catalog.internal, pg_catalog.internal, pg_catalog.internal)
RETURNS pg_catalog.internal AS 'MODULE_PATHNAME', 'news_parser_gettoken'
LANGUAGE C STRICT PARALLEL SAFE;
CREATE FUNCTION news.parser_end(pg_catalog.internal)
RETURNS pg_catalog.void AS 'MODULE_PATHNAME', 'news_parser_end'
LANGUAGE C STRICT PARALLEL SAFE;
CREATE FUNCTION news.parser_lextype(pg_catalog.internal)
RETURNS pg_catalog.internal AS 'MODULE_PATHNAME', 'news_parser_lextype'
LANGUAGE C STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.parser_start(pg_catalog.internal, pg_catalog.int4) IS 'text search parser support: start';
COMMENT ON FUNCTION news.parser_gettoken(pg_catalog.internal, pg_catalog.internal, pg_catalog.internal) IS 'text search parser support: next token';
COMMENT ON FUNCTION news.parser_end(pg_catalog.internal) IS 'text search parser support: end';
CREATE FUNCTION news.parser_headline(pg_catalog.internal, pg_catalog.internal, pg_catalog.tsquery)
RETURNS pg_catalog.internal AS 'MODULE_PATHNAME', 'news_parser_headline'
LANGUAGE C STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.parser_lextype(pg_catalog.internal) IS 'text search parser support: token types';
COMMENT ON FUNCTION news.parser_headline(pg_catalog.internal, pg_catalog.internal, pg_catalog.tsquery) IS 'text search parser support: ts_headline';

CREATE TEXT SEARCH PARSER news.parser (
    START = news.parser_start,
    GETTOKEN = news.parser_gettoken,
    END = news.parser_end,
    LEXTYPES = news.parser_lextype,
    HEADLINE = news.parser_headline
);
COMMENT ON TEXT SEARCH PARSER news.parser IS 'news-aware tokenizer (the scanner behind news.tokens)';

-- Dictionary template whose lexemes are exactly news.tokenize's terms
CREATE FUNCTION news.lexer_init(pg_catalog.internal)
RETURNS pg_catalog.internal AS 'MODULE_PATHNAME', 'news_lexer_init'
LANGUAGE C STRICT PARALLEL SAFE;
CREATE FUNCTION news.lexer_lexize(pg_catalog.internal, pg_catalog.internal, pg_catalog.internal, pg_catalog.internal)
RETURNS pg_catalog.internal AS 'MODULE_PATHNAME', 'news_lexer_lexize'
LANGUAGE C STRICT PARALLEL SAFE;
COMMENT ON FUNCTION news.lexer_init(pg_catalog.internal) IS 'text search dictionary support: options (config, kind)';
COMMENT ON FUNCTION news.lexer_lexize(pg_catalog.internal, pg_catalog.internal, pg_catalog.internal, pg_catalog.internal) IS 'text search dictionary support: the term of one token';

CREATE TEXT SEARCH TEMPLATE news.lexer (INIT = news.lexer_init, LEXIZE = news.lexer_lexize);
COMMENT ON TEXT SEARCH TEMPLATE news.lexer IS 'terms as news.tokenize makes them; options config and kind';

CREATE TEXT SEARCH DICTIONARY news.english_word (TEMPLATE = news.lexer, config = 'english', kind = 'word');
CREATE TEXT SEARCH DICTIONARY news.english_hashtag (TEMPLATE = news.lexer, config = 'english', kind = 'hashtag');
CREATE TEXT SEARCH DICTIONARY news.simple_word (TEMPLATE = news.lexer, config = 'simple', kind = 'word');
CREATE TEXT SEARCH DICTIONARY news.simple_hashtag (TEMPLATE = news.lexer, config = 'simple', kind = 'hashtag');
CREATE TEXT SEARCH DICTIONARY news.number (TEMPLATE = news.lexer, config = 'simple', kind = 'number');
CREATE TEXT SEARCH DICTIONARY news.abbreviation (TEMPLATE = news.lexer, config = 'simple', kind = 'abbreviation');
CREATE TEXT SEARCH DICTIONARY news.url (TEMPLATE = news.lexer, config = 'simple', kind = 'url');
CREATE TEXT SEARCH DICTIONARY news.email (TEMPLATE = news.lexer, config = 'simple', kind = 'email');
CREATE TEXT SEARCH DICTIONARY news.mention (TEMPLATE = news.lexer, config = 'simple', kind = 'mention');
CREATE TEXT SEARCH DICTIONARY news.date (TEMPLATE = news.lexer, config = 'simple', kind = 'date');
COMMENT ON TEXT SEARCH DICTIONARY news.english_word IS 'English words: stopwords removed, Snowball-stemmed';
COMMENT ON TEXT SEARCH DICTIONARY news.english_hashtag IS 'hashtags as English words';
COMMENT ON TEXT SEARCH DICTIONARY news.simple_word IS 'words, normalized and case-folded, unstemmed';
COMMENT ON TEXT SEARCH DICTIONARY news.simple_hashtag IS 'hashtags without the #, unstemmed';
COMMENT ON TEXT SEARCH DICTIONARY news.number IS 'numbers without thousands separators';
COMMENT ON TEXT SEARCH DICTIONARY news.abbreviation IS 'abbreviations without periods (U.S. -> us)';
COMMENT ON TEXT SEARCH DICTIONARY news.url IS 'URLs, case-folded';
COMMENT ON TEXT SEARCH DICTIONARY news.email IS 'e-mail addresses, case-folded';
COMMENT ON TEXT SEARCH DICTIONARY news.mention IS '@handles, case-folded';
COMMENT ON TEXT SEARCH DICTIONARY news.date IS 'numeric dates as written';

CREATE TEXT SEARCH CONFIGURATION news.english (PARSER = news.parser);
ALTER TEXT SEARCH CONFIGURATION news.english
    ADD MAPPING FOR word WITH news.english_word;
ALTER TEXT SEARCH CONFIGURATION news.english
    ADD MAPPING FOR hashtag WITH news.english_hashtag;
CREATE TEXT SEARCH CONFIGURATION news.simple (PARSER = news.parser);
ALTER TEXT SEARCH CONFIGURATION news.simple
    ADD MAPPING FOR word WITH news.simple_word;
ALTER TEXT SEARCH CONFIGURATION news.simple
    ADD MAPPING FOR hashtag WITH news.simple_hashtag;
ALTER TEXT SEARCH CONFIGURATION news.english
    ADD MAPPING FOR number WITH news.number;
ALTER TEXT SEARCH CONFIGURATION news.english
    ADD MAPPING FOR abbreviation WITH news.abbreviation;
ALTER TEXT SEARCH CONFIGURATION news.english
    ADD MAPPING FOR url WITH news.url;
ALTER TEXT SEARCH CONFIGURATION news.english
    ADD MAPPING FOR email WITH news.email;
ALTER TEXT SEARCH CONFIGURATION news.english
    ADD MAPPING FOR mention WITH news.mention;
ALTER TEXT SEARCH CONFIGURATION news.english
    ADD MAPPING FOR date WITH news.date;
ALTER TEXT SEARCH CONFIGURATION news.simple
    ADD MAPPING FOR number WITH news.number;
ALTER TEXT SEARCH CONFIGURATION news.simple
    ADD MAPPING FOR abbreviation WITH news.abbreviation;
ALTER TEXT SEARCH CONFIGURATION news.simple
    ADD MAPPING FOR url WITH news.url;
ALTER TEXT SEARCH CONFIGURATION news.simple
    ADD MAPPING FOR email WITH news.email;
ALTER TEXT SEARCH CONFIGURATION news.simple
    ADD MAPPING FOR mention WITH news.mention;
ALTER TEXT SEARCH CONFIGURATION news.simple
    ADD MAPPING FOR date WITH news.date;
COMMENT ON TEXT SEARCH CONFIGURATION news.english IS 'news tokenizer with English stopwords and stemming: same terms as news.tokenize(body, ''english'')';
COMMENT ON TEXT SEARCH CONFIGURATION news.simple IS 'news tokenizer, unstemmed: same terms as news.tokenize(body, ''simple'')';
