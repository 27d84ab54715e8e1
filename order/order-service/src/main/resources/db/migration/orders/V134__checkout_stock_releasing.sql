-- True from a checkout's letting go of its stock (expired, or a hold that waited too long for inventory) until
-- inventory answers that the stock is back: a flash sale counts those units as held until then, so admission does not
-- hand them out before inventory can reserve them again (it refused such holds, which then waited again). Checkouts let
-- go before this column count as released.
alter table checkouts add column stock_releasing boolean not null default false;
