package dev.mtasts.adapter.discord;

import static java.util.Objects.requireNonNull;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.interactions.commands.DefaultMemberPermissions;

/**
 * Who may subscribe a channel to a domain (and unsubscribe it). By default, members with Manage Server: the same
 * gate Discord applies with {@link DefaultMemberPermissions}, checked at run time because Discord's gate covers a
 * whole command and {@code /mtasts check} is for everyone. With {@code discord.subscribe-role} set, members with that
 * role (by id: a name can be copied by anyone allowed to create roles) instead; administrators always may. In a DM with the bot, the user owns the channel.
 */
final class SubscribeGate {
    /** The default gate, as Discord would express it on a command of its own. */
    static final DefaultMemberPermissions DEFAULT = DefaultMemberPermissions.enabledFor(Permission.MANAGE_SERVER);

    private final Optional<String> role;

    SubscribeGate(Optional<String> role) {
        this.role = requireNonNull(role, "role is null");
    }

    /** Whether {@code member} may subscribe; an empty member is a DM with the bot. */
    boolean permits(Optional<Member> member) {
        requireNonNull(member, "member is null");
        if (member.isEmpty()) {
            return true;
        }
        List<String> roles = member.get().getRoles().stream()
                .map(candidate -> candidate.getId())
                .toList();
        return permits(member.get().getPermissions(), roles);
    }

    /**
     * @param roles the ids of the member's roles
     */
    boolean permits(EnumSet<Permission> permissions, List<String> roles) {
        requireNonNull(permissions, "permissions is null");
        requireNonNull(roles, "roles is null");
        if (permissions.contains(Permission.ADMINISTRATOR)) {
            return true;
        }
        if (role.isPresent()) {
            return roles.contains(role.get());
        }
        long required = requireNonNull(DEFAULT.getPermissionsRaw(), "default permissions are set");
        return permissions.containsAll(Permission.getPermissions(required));
    }

    /** The ephemeral refusal. */
    String refusal() {
        String who = role.map(id -> "members with the role " + id + " (its id)")
                .orElse("members with the Manage Server permission");
        return "Only " + who + " can subscribe this channel to a domain or unsubscribe it.";
    }
}
