-- The units a sale can still sell when its product's stock turned out shorter than the sale (inventory refused a hold
-- for want of stock): its units out (sold, held) plus what inventory said it had. Null while inventory never refused.
alter table flash_sales add column stock_cap integer;
