"""What every sitrep service runs on and a Kafka consumer of sitrep's topics does not need:
logging, the health server, the poll loop, producers, and RFC 9457 problem JSON over HTTP."""
