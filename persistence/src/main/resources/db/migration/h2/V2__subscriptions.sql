-- Topic subscriptions (JMS 3.1 §6.11). A subscription is a ferry_queue row of kind 'S' bound to its topic.
-- subscription_key is the subscription's identity in its namespace (durable, or shared non-durable); NULL for
-- an unshared non-durable subscription, which no one else can name. The unique index makes create-or-get safe
-- against concurrent creation on any node.
ALTER TABLE ferry_queue ADD COLUMN subscription_key VARCHAR(600);
-- The connection (node id/connection id) and node that own a non-durable subscription: it is deleted with its
-- consumer, or when its node stops heartbeating, like a temporary destination.
ALTER TABLE ferry_queue ADD COLUMN owner VARCHAR(255);
ALTER TABLE ferry_queue ADD COLUMN owner_node VARCHAR(64);
CREATE UNIQUE INDEX ferry_queue_subscription_key ON ferry_queue (subscription_key);
