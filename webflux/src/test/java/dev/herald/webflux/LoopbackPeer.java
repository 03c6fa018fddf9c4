package dev.herald.webflux;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * The far end of a real TCP connection on loopback for the transports' tests: a server that
 * accepts one connection and collects what it reads (or reads nothing, so that the kernel's buffers
 * fill), and the channel a transport writes to. A peer that reads nothing has small socket
 * buffers, so that a test's megabytes meet back-pressure soon; one that reads has the system's, as
 * small ones would pace the connection by the reader's delayed acknowledgements.
 */
final class LoopbackPeer {
    final Channel server;
    final CompletableFuture<Channel> accepted = new CompletableFuture<>();
    private final boolean read;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    private LoopbackPeer(EventLoopGroup group, boolean read) throws InterruptedException {
        this.read = read;
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.AUTO_READ, read);
        if (!read) {
            bootstrap.childOption(ChannelOption.SO_RCVBUF, 4096);
        }
        this.server = bootstrap
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        accepted.complete(channel);
                        channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                ByteBuf bytes = (ByteBuf) msg;
                                synchronized (received) {
                                    byte[] copy = new byte[bytes.readableBytes()];
                                    bytes.readBytes(copy);
                                    received.writeBytes(copy);
                                }
                                bytes.release();
                            }
                        });
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0))
                .sync()
                .channel();
    }

    /** A peer that reads what arrives ({@code read}) or nothing. */
    static LoopbackPeer start(EventLoopGroup group, boolean read) throws InterruptedException {
        return new LoopbackPeer(group, read);
    }

    /** A channel connected to this peer, for a transport to write to. */
    Channel connect(EventLoopGroup group) throws InterruptedException {
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true); // as Reactor Netty sets it
        if (!read) {
            bootstrap.option(ChannelOption.SO_SNDBUF, 4096);
        }
        return bootstrap
                .handler(new ChannelInboundHandlerAdapter())
                .connect(server.localAddress())
                .sync()
                .channel();
    }

    /** What the peer read so far. */
    byte[] received() {
        synchronized (received) {
            return received.toByteArray();
        }
    }
}
