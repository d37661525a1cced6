-- An alert keeps its facts — the sentence's bundle and key, and its values — and is worded when it is
-- read, in the reader's language. The words column keeps the Spanish wording too (for SQL readers and
-- alerts raised before), never shown when the facts are there.
alter table alert
    add column message_key  text check (message_key ~ '^[a-z0-9_.]+#[A-Za-z0-9_.]+$'),
    add column message_args jsonb check (jsonb_typeof(message_args) = 'array'),
    add constraint alert_message_facts check ((message_key is null) = (message_args is null));
