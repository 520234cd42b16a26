using Microsoft.Extensions.DependencyInjection;
using Tickets.Common;
using Tickets.Identity;
using Tickets.Startup;
using Tickets.Users;

namespace Tickets.Tickets;

/// <summary>
/// Sample tickets in several states, made through the same service the API uses (so history, SLA and numbers
/// are real), spread over the last ten days so the dashboard and the SLA clocks have something to show. Runs
/// after the demo accounts and only on a store without tickets.
/// </summary>
public sealed class DemoTicketsSeeder(IServiceScopeFactory scopes, ITicketStore tickets, IUserStore users, TimeProvider time) : IDemoDataSeeder
{
    private readonly DemoClock _clock = new();

    public int Order => 10;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await tickets.FindByNumberAsync(1, cancellationToken) is not null) return;
        var user = await users.FindByEmailAsync(DemoAccounts.User.Email!, cancellationToken);
        var tech = await users.FindByEmailAsync(DemoAccounts.Technician.Email!, cancellationToken);
        var admin = await users.FindByEmailAsync(DemoAccounts.Admin.Email!, cancellationToken);
        if (user is null || tech is null || admin is null) return;

        // Working hours a few days back: each step happens at its own moment, as it would have.
        var now = time.GetUtcNow();
        var start = new DateTimeOffset(now.Date, TimeSpan.Zero).AddMinutes(480);

        _clock.Now = start.AddDays(-10);
        var password = await As(user, s => s.CreateAsync(new("Cambio de contraseña del correo corporativo",
            "He olvidado la contraseña del correo y el autoservicio no me envía el código.", "medium", "access"), cancellationToken));
        _clock.Now = start.AddDays(-10).AddMinutes(12);
        await As(admin, s => s.AssignAsync(password.Id, new(admin.Id), null, cancellationToken));
        _clock.Now = start.AddDays(-10).AddMinutes(90);
        await As(admin, s => s.ChangeStatusAsync(password.Id, new("resolved", "Contraseña restablecida; se envió una temporal por SMS."), null, cancellationToken));
        _clock.Now = start.AddDays(-9);
        await As(user, s => s.ChangeStatusAsync(password.Id, new("closed"), null, cancellationToken));

        _clock.Now = start.AddDays(-6);
        var licence = await As(user, s => s.CreateAsync(new("Solicitud de licencia de Excel",
            "Necesito Excel con Power Query para los informes trimestrales.", "low", "software"), cancellationToken));
        _clock.Now = start.AddDays(-6).AddMinutes(60);
        await As(admin, s => s.AssignAsync(licence.Id, new(tech.Id), null, cancellationToken));
        _clock.Now = start.AddDays(-5).AddMinutes(120);
        await As(tech, s => s.ChangeStatusAsync(licence.Id, new("resolved", "Licencia asignada en el portal de Microsoft 365."), null, cancellationToken));

        _clock.Now = start.AddDays(-3);
        var printer = await As(user, s => s.CreateAsync(new("La impresora de la segunda planta no imprime",
            "Desde esta mañana la impresora HP de la segunda planta muestra 'atasco de papel', pero no hay papel atascado.", "high", "hardware"), cancellationToken));
        _clock.Now = start.AddDays(-3).AddMinutes(18);
        await As(admin, s => s.AssignAsync(printer.Id, new(tech.Id), null, cancellationToken));
        _clock.Now = start.AddDays(-3).AddMinutes(36);
        await As(tech, s => s.ChangeStatusAsync(printer.Id, new("in_progress"), null, cancellationToken));
        _clock.Now = start.AddDays(-3).AddMinutes(42);
        await As(tech, s => s.CommentAsync(printer.Id, new("Voy a revisarla ahora mismo; parece un sensor del rodillo."), cancellationToken));

        _clock.Now = start.AddDays(-2);
        var laptop = await As(user, s => s.CreateAsync(new("El portátil se calienta mucho",
            "El portátil se apaga solo cuando hago videollamadas largas.", "medium", "hardware"), cancellationToken));
        _clock.Now = start.AddDays(-2).AddMinutes(30);
        await As(admin, s => s.AssignAsync(laptop.Id, new(tech.Id), null, cancellationToken));
        _clock.Now = start.AddDays(-2).AddMinutes(60);
        await As(tech, s => s.ChangeStatusAsync(laptop.Id, new("in_progress"), null, cancellationToken));
        _clock.Now = start.AddDays(-2).AddMinutes(72);
        await As(tech, s => s.CommentAsync(laptop.Id, new("¿Puedes traerlo el lunes a Soporte para limpiar el ventilador?"), cancellationToken));
        _clock.Now = start.AddDays(-2).AddMinutes(78);
        await As(tech, s => s.ChangeStatusAsync(laptop.Id, new("on_hold", "Esperando a que el usuario traiga el equipo."), null, cancellationToken));

        _clock.Now = start.AddDays(-1);
        var share = await As(user, s => s.CreateAsync(new("Acceso a la carpeta compartida de Contabilidad",
            "Necesito permisos de lectura en \\\\files\\contabilidad para revisar las facturas.", "medium", "access"), cancellationToken));
        _clock.Now = start.AddDays(-1).AddMinutes(30);
        await As(admin, s => s.AssignAsync(share.Id, new(tech.Id), null, cancellationToken));
        _clock.Now = start.AddDays(-1).AddMinutes(48);
        await As(tech, s => s.CommentAsync(share.Id, new("Pendiente de la aprobación del responsable de Contabilidad.", Internal: true), cancellationToken));

        _clock.Now = now.AddHours(-5);
        await As(user, s => s.CreateAsync(new("Pantalla azul al arrancar el equipo",
            "Aparece una pantalla azul con el código CRITICAL_PROCESS_DIED al encender el ordenador.", "high", "hardware"), cancellationToken));

        // Every SLA condition is on show: the VPN ticket is overdue (its check escalates it as soon as the queues run),
        // the ERP ticket is past its warning point, the wallpaper request has just started; the laptop is paused on hold
        // and the closed password ticket met its targets.
        _clock.Now = now.AddHours(-2);
        await As(user, s => s.CreateAsync(new("No puedo acceder a la VPN desde casa",
            "El cliente de VPN da el error 809 al conectar. Necesito acceder al ERP para el cierre de mes.", "critical", "network"), cancellationToken));

        _clock.Now = now.AddMinutes(-50);
        var erp = await As(user, s => s.CreateAsync(new("El ERP no responde en la planta 3",
            "Nadie de la planta 3 puede entrar al ERP desde las 10:00; el resto de aplicaciones funciona.", "critical", "software"), cancellationToken));
        _clock.Now = now.AddMinutes(-40);
        await As(admin, s => s.AssignAsync(erp.Id, new(tech.Id), null, cancellationToken));

        _clock.Now = now.AddMinutes(-10);
        await As(user, s => s.CreateAsync(new("Cambiar el fondo de pantalla corporativo",
            "Comunicación pide poner el nuevo fondo de pantalla en los equipos de la sede.", "low", "other"), cancellationToken));
    }

    private async Task<T> As<T>(User actor, Func<TicketService, Task<Result<T>>> action)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SignIn(actor);
        var service = ActivatorUtilities.CreateInstance<TicketService>(scope.ServiceProvider, (TimeProvider)_clock);
        var result = await action(service);
        return result.IsSuccess ? result.Value : throw new InvalidOperationException($"Demo ticket step failed: {result.Error!.Code} {result.Error.Detail}");
    }
}

/// <summary>The moment each demo step "happened".</summary>
internal sealed class DemoClock : TimeProvider
{
    public DateTimeOffset Now { get; set; }

    public override DateTimeOffset GetUtcNow() => Now;
}
