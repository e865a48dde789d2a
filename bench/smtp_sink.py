#!/usr/bin/env python3
"""A loopback SMTP server that accepts every message and counts them (aiosmtpd), for bench/mail.

    smtp_sink.py PORT
"""
import asyncio
import sys

from aiosmtpd.controller import Controller


class Count:
    received = 0

    async def handle_DATA(self, server, session, envelope):
        Count.received += 1
        return "250 OK"


async def main(port):
    controller = Controller(Count(), hostname="127.0.0.1", port=port)
    controller.start()
    print(f"sink listening on {port}", flush=True)
    while True:
        await asyncio.sleep(3600)


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1])))
