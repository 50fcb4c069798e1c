-- A wrong token: the error carries Prolific's message and how to fix it, and never the token.
select id from prolific_bad_token.prolific_batch_response where batch_id = '0b6f2d3e-9c41-4a8e-b2f7-5d1c8e3a9f60';
