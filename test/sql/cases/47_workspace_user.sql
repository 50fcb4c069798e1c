-- Every column of every workspace.
select id, available_balance, available_balance_breakdown, balance_breakdown, balance_currency_code, description,
  naivety_distribution_rate, owner, title, total_balance, users, wallet_id
from prolific_workspace
order by id;

-- One workspace by id; an unknown id gives no rows; a workspace whose balance is not found has NULL balances.
select id, title, total_balance from prolific_workspace where id = '65f0c2a1b4e8d9a7c3f10a22';

select count(*) as unknown_workspace from prolific_workspace where id = '65f0c2a1b4e8d9a7c3f1ffff';

select id, title, total_balance, balance_currency_code from prolific_workspace where id = '65f0c2a1b4e8d9a7c3f10a44';

-- jsonb operators.
select id, (balance_breakdown ->> 'fees')::int as fees, users -> 0 -> 'roles' ->> 0 as first_role
from prolific_workspace order by id;

-- LIMIT.
select count(*) as rows_returned from (select id from prolific_workspace limit 1) s;

-- The token's user: every column.
select id, available_balance, balance, currency_code, email, first_name, last_name, name, user_type, username
from prolific_user;

-- A wrong token is an error.
select id from prolific_bad_token.prolific_user;
